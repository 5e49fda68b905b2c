// expect: async-void 5
import { readFile } from 'node:fs/promises';

export function readJson(path: string): Promise<unknown> {
  return new Promise(async (resolve, reject) => {
    const text = await readFile(path, 'utf8');
    try {
      resolve(JSON.parse(text));
    } catch (err) {
      reject(err);
    }
  });
}

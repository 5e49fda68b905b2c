// expect: blocking 7
import { readFileSync } from 'node:fs';

export function readManifest(path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      resolve(JSON.parse(readFileSync(path, 'utf8')));
    } catch (err) {
      reject(err);
    }
  });
}

// expect: async-void 6
import { readFile } from 'node:fs';
import { writeFile } from 'node:fs/promises';

export function copyUppercase(from: string, to: string): void {
  readFile(from, 'utf8', async (err, text) => {
    if (err) throw err;
    await writeFile(to, text.toUpperCase());
  });
}

// expect: blocking 8
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';

export async function loadFixtures(dir: string): Promise<unknown[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  return names.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));
}

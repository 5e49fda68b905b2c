import { readFileSync } from 'node:fs';

export async function load(path: string): Promise<string> {
  return readFileSync(path, 'utf8');
}

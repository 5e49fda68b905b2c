// expect: blocking 5, 6
import { readFileSync as slurp, statSync } from 'node:fs';

export async function fingerprint(path: string): Promise<string> {
  const { size, mtimeMs } = statSync(path);
  const head = slurp(path).subarray(0, 64);
  return `${size}-${mtimeMs}-${head.toString('hex')}`;
}

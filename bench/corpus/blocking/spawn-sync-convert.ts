// expect: blocking 6
import { spawnSync } from 'node:child_process';

export async function thumbnail(input: string, output: string): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  const result = spawnSync('convert', [input, '-resize', '128x128', output]);
  return result.status === 0;
}

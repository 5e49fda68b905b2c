// expect: blocking 7, 8
import * as fs from 'node:fs';
import { join } from 'node:path';

export async function loadAvatar(userId: string): Promise<Buffer> {
  const path = join('/srv/avatars', `${userId}.png`);
  if (!fs.existsSync(path)) return Buffer.alloc(0);
  return fs.readFileSync(path);
}

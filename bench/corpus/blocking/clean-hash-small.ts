// expect: none
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export async function etag(path: string): Promise<string> {
  const body = await readFile(path);
  return createHash('sha1').update(body).digest('base64url');
}

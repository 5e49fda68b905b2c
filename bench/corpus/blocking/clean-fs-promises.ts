// expect: none
import * as fs from 'node:fs';

export async function loadUsers(path: string): Promise<string[]> {
  const text = await fs.promises.readFile(path, 'utf8');
  await fs.promises.appendFile('/tmp/access.log', `read ${path}\n`);
  return text.split('\n').filter(Boolean);
}

// expect: none
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { scrypt } from 'node:crypto';

const execFileAsync = promisify(execFile);
const scryptAsync = promisify(scrypt);

export async function commitHash(repo: string): Promise<string> {
  const { stdout } = await execFileAsync('git', ['-C', repo, 'rev-parse', 'HEAD']);
  return stdout.trim();
}

export async function deriveKey(password: string, salt: string): Promise<Buffer> {
  return (await scryptAsync(password, salt, 64)) as Buffer;
}

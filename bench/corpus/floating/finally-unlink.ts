// expect: floating 17
import { mkdtemp, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function lintSnippet(code: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'snippet-')), 'input.ts');
  await writeFile(file, code);
  try {
    const { stdout } = await run('npx', ['eslint', '--format', 'json', file]);
    return stdout;
  } finally {
    unlink(file);
  }
}

// expect: blocking 6
import cp = require('node:child_process');

export async function currentBranch(repo: string): Promise<string> {
  await Promise.resolve();
  return cp.execFileSync('git', ['-C', repo, 'branch', '--show-current'], { encoding: 'utf8' }).trim();
}

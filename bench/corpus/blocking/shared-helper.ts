// expect: blocking 6
import { execSync } from 'child_process';
import { createServer } from 'node:http';

function gitDescribe(): string {
  return execSync('git describe --tags', { encoding: 'utf8' }).trim();
}

console.log(`starting ${gitDescribe()}`);

export const server = createServer((req, res) => {
  res.setHeader('x-version', gitDescribe());
  res.end('ok');
});

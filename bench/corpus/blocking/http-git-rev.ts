// expect: blocking 7
import { createServer } from 'node:http';
import { execSync } from 'node:child_process';

export const server = createServer((req, res) => {
  if (req.url === '/version') {
    const rev = execSync('git rev-parse HEAD').toString().trim();
    res.end(rev);
    return;
  }
  res.statusCode = 404;
  res.end();
});

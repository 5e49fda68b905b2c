// expect: none
import { readFile } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

export const server = createServer((req, res) => {
  const requestId = randomUUID();
  readFile('./public/index.html', (err, html) => {
    res.setHeader('x-request-id', requestId);
    if (err) {
      res.statusCode = 500;
      res.end();
      return;
    }
    res.end(html);
  });
});

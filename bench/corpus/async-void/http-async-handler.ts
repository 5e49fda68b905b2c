// expect: async-void 5
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

export const server = createServer(async (req, res) => {
  const page = await readFile(`./public${req.url ?? '/index.html'}`);
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(page);
});

// expect: none
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

// Read once while the module loads, before the server accepts any request.
const settings = JSON.parse(readFileSync('./settings.json', 'utf8')) as { greeting: string };
const certificate = readFileSync('./cert.pem');

export const server = createServer((req, res) => {
  res.setHeader('x-cert-bytes', String(certificate.length));
  res.end(settings.greeting);
});

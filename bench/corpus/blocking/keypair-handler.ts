// expect: blocking 6
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';

export const server = createServer((req, res) => {
  const { publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 4096,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  res.end(publicKey);
});

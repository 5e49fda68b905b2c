// expect: blocking 7
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const server = createServer((socket) => {
  socket.on('data', (chunk) => {
    appendFileSync('/var/log/wire.log', chunk);
    socket.write('ack\n');
  });
});

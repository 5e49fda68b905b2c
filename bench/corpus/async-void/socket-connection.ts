// expect: async-void 12
import { createServer, Socket } from 'node:net';

async function authenticate(socket: Socket): Promise<string> {
  const [token] = (await socket.toArray()) as Buffer[];
  if (!token) throw new Error('no token');
  return token.toString('utf8');
}

export const server = createServer();

server.on('connection', async (socket) => {
  const user = await authenticate(socket);
  socket.end(`hello ${user}\n`);
});

// expect: async-void 12
import { createServer } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

async function warmUp(): Promise<void> {
  await delay(20);
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
}

const server = createServer((req, res) => res.end('ok'));

server.listen(8080, async () => {
  await warmUp();
  console.log('ready on 8080');
});

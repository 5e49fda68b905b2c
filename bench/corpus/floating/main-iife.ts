// expect: floating 12
import { createServer } from 'node:http';
import { once } from 'node:events';

async function main(): Promise<void> {
  const server = createServer((req, res) => res.end('ok'));
  server.listen(Number(process.env.PORT ?? 3000));
  await once(server, 'listening');
  console.log('listening');
}

(async () => {
  await main();
})();

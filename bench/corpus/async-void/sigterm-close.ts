// expect: async-void 9
import { Server } from 'node:http';

interface Pool {
  end(): Promise<void>;
}

export function gracefulShutdown(server: Server, pool: Pool): void {
  process.on('SIGTERM', async () => {
    server.close();
    await pool.end();
    process.exit(0);
  });
}

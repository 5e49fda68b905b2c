// expect: floating 14, 15
import { setTimeout as delay } from 'node:timers/promises';

async function connectDatabase(url: string): Promise<void> {
  await delay(10);
  if (!url.startsWith('postgres://')) throw new Error('unsupported database url');
}

async function warmCaches(): Promise<void> {
  await delay(5);
}

export function boot(url: string): void {
  connectDatabase(url);
  warmCaches();
  console.log('booting');
}

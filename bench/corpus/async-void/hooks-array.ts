// expect: async-void 11
import { rm } from 'node:fs/promises';

const shutdownHooks: Array<() => void> = [];

export function onShutdown(hook: () => void): void {
  shutdownHooks.push(hook);
}

export function registerTempDir(dir: string): void {
  onShutdown(async () => {
    await rm(dir, { recursive: true, force: true });
  });
}

export function runShutdownHooks(): void {
  for (const hook of shutdownHooks) hook();
}

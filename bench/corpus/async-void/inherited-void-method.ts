// expect: async-void 16
import { rm } from 'node:fs/promises';

interface Lifecycle {
  start(): void;
  stop(): void;
}

export class ScratchSpace implements Lifecycle {
  constructor(private readonly dir: string) {}

  start(): void {
    console.log(`using ${this.dir}`);
  }

  async stop(): Promise<void> {
    await rm(this.dir, { recursive: true });
  }
}

export function stopAll(parts: Lifecycle[]): void {
  for (const part of parts) part.stop();
}

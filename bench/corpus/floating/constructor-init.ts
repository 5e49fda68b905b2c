// expect: floating 6
import { mkdir } from 'node:fs/promises';

export class DiskCache {
  constructor(private readonly dir: string) {
    this.init();
  }

  private async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  path(key: string): string {
    return `${this.dir}/${encodeURIComponent(key)}`;
  }
}

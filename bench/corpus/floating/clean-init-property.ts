// expect: none
import { mkdir } from 'node:fs/promises';

export class Store {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly dir: string) {}

  async path(name: string): Promise<string> {
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    return `${this.dir}/${name}`;
  }
}

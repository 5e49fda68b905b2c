// expect: blocking 9
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export class Renderer {
  constructor(private readonly root: string) {}

  private read(name: string): string {
    return readFileSync(join(this.root, `${name}.tpl`), 'utf8');
  }

  async render(name: string, vars: Record<string, string>): Promise<string> {
    await Promise.resolve();
    return this.read(name).replace(/\{\{(\w+)\}\}/g, (_, key: string) => vars[key] ?? '');
  }
}

// expect: none
import { EventEmitter } from 'node:events';

async function reindex(id: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1, id));
}

export function watchChanges(changes: EventEmitter): void {
  changes.on('changed', (id: string) => {
    reindex(id).catch((err: unknown) => console.error(`reindex ${id} failed`, err));
  });
}

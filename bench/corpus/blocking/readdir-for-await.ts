// expect: blocking 7
import { readdirSync } from 'node:fs';
import { watch } from 'node:fs/promises';

export async function watchInbox(dir: string, onFiles: (names: string[]) => void): Promise<void> {
  for await (const event of watch(dir)) {
    if (event.eventType === 'rename') onFiles(readdirSync(dir));
  }
}

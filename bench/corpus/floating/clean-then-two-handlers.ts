// expect: none
import { readFile } from 'node:fs/promises';

let banner = 'welcome';

export function loadBanner(path: string): void {
  readFile(path, 'utf8').then(
    (text) => {
      banner = text.trim();
    },
    (err: unknown) => {
      console.warn('keeping default banner:', err);
    },
  );
}

export function currentBanner(): string {
  return banner;
}

// expect: blocking 6
import { statSync } from 'node:fs';

export function watchSize(path: string, limit: number, onTooBig: () => void): NodeJS.Timeout {
  return setInterval(() => {
    const { size } = statSync(path);
    if (size > limit) onTooBig();
  }, 1000);
}

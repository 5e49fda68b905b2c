// expect: async-void 5
import { unlink } from 'node:fs/promises';

export function makeCleanup(lockFile: string): () => void {
  const cleanup: () => void = async () => {
    await unlink(lockFile);
  };
  return cleanup;
}

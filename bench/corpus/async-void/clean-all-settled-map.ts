// expect: none
import { unlink } from 'node:fs/promises';

export async function removeAll(paths: string[]): Promise<number> {
  const results = await Promise.allSettled(
    paths.map(async (path) => {
      await unlink(path);
      return path;
    }),
  );
  return results.filter((result) => result.status === 'fulfilled').length;
}

// expect: none
import { stat } from 'node:fs/promises';

export async function totalSize(paths: string[]): Promise<number> {
  const sizes = await Promise.all(
    paths.map(async (path) => {
      const info = await stat(path);
      return info.size;
    }),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

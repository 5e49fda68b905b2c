// expect: floating 7
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

export async function purgeUploads(dir: string, names: string[]): Promise<void> {
  console.log(`purging ${names.length} uploads`);
  names.map(async (name) => rm(join(dir, name), { force: true }));
}

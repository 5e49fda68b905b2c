// expect: blocking 7
import * as zlib from 'node:zlib';
import { writeFile } from 'node:fs/promises';

export async function archive(path: string, records: object[]): Promise<number> {
  const body = Buffer.from(JSON.stringify(records));
  const packed = zlib.gzipSync(body, { level: 9 });
  await writeFile(path, packed);
  return packed.length;
}

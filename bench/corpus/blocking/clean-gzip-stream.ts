// expect: none
import { createGzip } from 'node:zlib';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

export async function compress(input: string): Promise<string> {
  const output = `${input}.gz`;
  await pipeline(createReadStream(input), createGzip(), createWriteStream(output));
  return output;
}

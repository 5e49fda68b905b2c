// expect: async-void 10
import { Readable } from 'node:stream';
import { appendFile } from 'node:fs/promises';

async function handleChunk(chunk: Buffer): Promise<void> {
  await appendFile('/var/log/ingest.log', chunk);
}

export function ingest(source: Readable): void {
  source.on('data', handleChunk);
  source.on('end', () => console.log('ingest finished'));
}

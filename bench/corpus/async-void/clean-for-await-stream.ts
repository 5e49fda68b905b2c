// expect: none
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function countErrors(logFile: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(logFile), crlfDelay: Infinity });
  let errors = 0;
  for await (const line of lines) {
    if (line.includes('ERROR')) errors++;
  }
  return errors;
}

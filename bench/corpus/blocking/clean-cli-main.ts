// expect: none
import { readFileSync, writeFileSync } from 'node:fs';

function main(argv: string[]): number {
  const [input, output] = argv;
  if (!input || !output) {
    console.error('usage: csv2json <input> <output>');
    return 2;
  }
  const rows = readFileSync(input, 'utf8').trim().split('\n').map((line) => line.split(','));
  writeFileSync(output, JSON.stringify(rows));
  return 0;
}

process.exitCode = main(process.argv.slice(2));

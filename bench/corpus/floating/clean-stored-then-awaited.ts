// expect: none
import { readFile } from 'node:fs/promises';

function parseArgs(argv: string[]): { input: string; verbose: boolean } {
  return { input: argv[0] ?? 'data.json', verbose: argv.includes('-v') };
}

export async function run(argv: string[]): Promise<unknown> {
  const options = parseArgs(argv);
  const contents = readFile(options.input, 'utf8');
  if (options.verbose) console.log(`reading ${options.input}`);
  return JSON.parse(await contents);
}

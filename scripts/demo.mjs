#!/usr/bin/env node
// `npm run demo` (after `npm run build`): runs the steps in scripts/demo/ in a fixed order. Each step
// module exports `async function run()` and prints its own section heading. Findings are the point of
// the demo, not a failure: it exits non-zero only when a step crashes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// A new step file is run only once it is listed here; a listed step that does not exist yet is skipped.
const STEPS = ['lint', 'build', 'run'];

const stepsDir = fileURLToPath(new URL('./demo/', import.meta.url));

try {
  for (const step of STEPS) {
    const file = join(stepsDir, `${step}.mjs`);
    if (!existsSync(file)) continue;
    const { run } = await import(pathToFileURL(file).href);
    if (typeof run !== 'function') throw new Error(`scripts/demo/${step}.mjs does not export a run() function`);
    await run();
  }
} catch (error) {
  console.error('\ndemo: a step crashed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}

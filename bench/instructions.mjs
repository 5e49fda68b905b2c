#!/usr/bin/env node
// Machine instructions per async call + await (docs/benchmarks.md, "Instructions per call").
//
//   npm run build && node bench/instructions.mjs      (about 2 minutes on 2 cores; needs valgrind)
//   BASELINE_DIST=/path/to/other/dist node bench/instructions.mjs   (adds that build's hooks)
//
// The micro-benchmark's loop (bench/fixtures/micro.ts, empty callee, caller and callee instrumented)
// under `valgrind --tool=callgrind`, in `node --predictable` (V8's deterministic mode: no concurrent
// compiler or GC threads, fixed seeds; the same run gives the same count to ±1 instruction per call;
// INSTRUCTIONS_FLAGS replaces the flags). A run warms up as bench/runtime.mjs does, then calls the
// loop N or 3N times; instructions per iteration = (I(3N) − I(N)) / 2N, so start-up,
// compilation and warm-up cancel out. Unlike CPU time, this barely moves with other load on the
// machine, which makes differences of a few instructions visible; it does not weigh instructions by
// their cost (cache misses, branch mispredictions), so compare it with bench/runtime.mjs's times.
import { fileURLToPath } from 'node:url';
import { compile, load, variantHooks } from './fixtures/compile.mjs';
import { countInstructions } from './lib/callgrind.mjs';
import { pool } from './lib/pool.mjs';

const self = fileURLToPath(import.meta.url);
const N = Number(process.env.INSTRUCTIONS_N ?? 100_000);

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else await main();

async function child(variant, calls) {
  const mod = load(compile('micro.ts', variant !== 'plain'), variant, variantHooks(variant));
  for (let i = 0; i < 60; i++) {
    await mod.loopEmpty(2000);
    await mod.loopOneAwait(2000);
  }
  await mod.loopEmpty(calls);
}

async function instructions(variant, calls) {
  try {
    const nodeFlags = (process.env.INSTRUCTIONS_FLAGS ?? '--predictable').split(' ');
    return await countInstructions([self, '--child', variant, String(calls)], { nodeFlags });
  } catch (error) {
    console.error(`bench/instructions: ${variant}: ${error.message}`);
    process.exit(2);
  }
}

async function main() {
  const variants = [
    ['plain', 'plain'],
    ['noop', 'instrumented, no-op hooks (the emitted code alone)'],
    ['floor', 'instrumented, floor hooks (bench/fixtures/hooks-floor.cjs)'],
    ['instrumented', 'instrumented, loopwatch/runtime'],
  ];
  if (process.env.BASELINE_DIST) variants.push(['baseline', `instrumented, hooks from ${process.env.BASELINE_DIST}`]);
  console.log(`node ${process.version}; instructions per empty async call + await (N = ${N}: (I(3N) − I(N)) / 2N)\n`);
  console.log('| variant | instructions per call + await | minus plain |');
  console.log('|---|---:|---:|');
  let plain;
  for (const [variant, label] of variants) {
    // The two runs of a variant side by side: counts do not depend on what else runs.
    const [many, few] = await pool([() => instructions(variant, 3 * N), () => instructions(variant, N)], 2);
    const perCall = (many - few) / (2 * N);
    plain ??= perCall;
    console.log(`| ${label} | ${perCall.toFixed(0)} | ${variant === 'plain' ? '—' : `+${(perCall - plain).toFixed(0)}`} |`);
  }
}

#!/usr/bin/env node
// Memory of the always-on tier (docs/benchmarks.md, "Memory").
//
//   npm run build && node bench/memory.mjs
//
// finished: 10^7 instrumented tasks created and finished (in batches of 1000 concurrent ones) leave
//           heapUsed where it was (after full GCs).
// parked:   N async functions parked on a never-settling promise, in a fresh process per variant:
//           plain, instrumented with no-op hooks (the emitted code's own frame cost) and instrumented
//           with loopwatch/runtime; bytes per task = heapUsed delta / N after full GCs. Three functions,
//           one per emitted await shape: `await x;`, `const v = await x;`, `String(await x)`; and a
//           handler-shaped one awaiting a method call with arguments.
// allocated: bytes allocated per async call + await in bench/runtime.mjs's micro loop (empty callee,
//           callee with one await): new space used across 5 000 calls, with no scavenge in between.
//           A task that never parks should cost nothing here: V8 removes its allocation. Measured
//           after two warm-ups: the empty loop alone, and both loops alternating (which calls V8
//           inlines, and so whether it can remove an allocation, depends on the feedback they leave).
//           BASELINE_DIST=<another build's dist/> adds that build's hooks as a variant.
import { fork } from 'node:child_process';
import { getHeapSpaceStatistics } from 'node:v8';
import { compile, load, runtime, variantHooks } from './fixtures/compile.mjs';

const args = process.argv.slice(2);
const env = (name, fallback) => Number(process.env[name] ?? fallback);

function collect() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

if (args[0] === '--child') child(args[1], args[2]);
else main();

async function child(mode, form) {
  if (mode === 'allocated') return allocatedChild(form);
  if (mode === 'finished') {
    const mod = load(compile('parked.ts', true), 'finished');
    const count = env('FINISHED_COUNT', 10_000_000);
    await mod.finishMany(10_000, 1000); // warm up: code, site table, clock
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = collect();
    const started = performance.now();
    await mod.finishMany(count, 1000);
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = collect();
    process.send({ count, before, after, ms, live: runtime().liveTaskCount() });
    return;
  }
  const mod = load(compile('parked.ts', mode !== 'plain'), mode, variantHooks(mode));
  const n = env('PARKED_COUNT', 200_000);
  // Held by a global: the parked functions stay reachable through its reaction list, as they would
  // be in a real program (otherwise V8 collects them, and only the registry's task objects remain).
  const never = (globalThis.neverSettles = new Promise(() => {}));
  const park = mod[form];
  for (let i = 0; i < 1000; i++) park(never); // warm up so code and maps are not counted
  const before = collect();
  for (let i = 0; i < n; i++) park(never);
  const after = collect();
  process.send({ n, perTask: (after - before) / n, live: mode === 'instrumented' ? runtime().liveTaskCount() : null });
}

/** `which`: `variant:warmup`, variant plain, noop, instrumented or baseline (BASELINE_DIST's hooks), warmup empty or both. */
async function allocatedChild(which) {
  const [variant, warmup] = which.split(':');
  const mod = load(compile('micro.ts', variant !== 'plain'), variant, variantHooks(variant));
  const loops = warmup === 'both' ? ['loopEmpty', 'loopOneAwait'] : ['loopEmpty'];
  for (let i = 0; i < 100; i++) {
    for (const loop of loops) await mod[loop](2000);
  }
  const calls = 5000;
  const newSpaceUsed = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_used_size;
  const result = {};
  for (const loop of loops) {
    const samples = [];
    for (let round = 0; round < 15; round++) {
      globalThis.gc({ type: 'minor' });
      const before = newSpaceUsed();
      await mod[loop](calls);
      const used = newSpaceUsed() - before;
      // Negative: a scavenge ran in between (the semi-space is made large enough that it should not).
      if (used > 0) samples.push(used / calls);
    }
    result[loop] = samples.sort((a, b) => a - b)[samples.length >> 1];
  }
  process.send(result);
}

function run(mode, form = 'parkOn') {
  const proc = fork(new URL(import.meta.url).pathname, ['--child', mode, form], {
    execArgv: ['--expose-gc', '--min-semi-space-size=16'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => { proc.kill(); resolve(m); });
    proc.once('exit', (code) => reject(new Error(`child ${mode} exited with ${code}`)));
  });
}

async function main() {
  console.log(`node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const finished = await run('finished');
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(2);
  console.log('\n## finished tasks\n');
  console.log('| tasks created and finished | heapUsed before | heapUsed after | delta | time | live tasks after |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${finished.count.toExponential(0)} | ${mb(finished.before)} MB | ${mb(finished.after)} MB | ${finished.after - finished.before} B | ${(finished.ms / 1000).toFixed(1)} s | ${finished.live} |`);

  const forms = [
    ['parkOn', '`await gate;`'], ['parkOnValue', '`const value = await gate;`'], ['parkInExpression', '`String(await gate)`'],
    ['parkInHandler', 'a handler: `const row = await store.find(1, { cache: true });`'],
  ];
  for (const [form, label] of forms) {
    const plain = await run('plain', form);
    const noop = await run('noop', form);
    const instrumented = await run('instrumented', form);
    console.log(`\n## parked tasks, ${label} (N=${plain.n} each, bytes per task)\n`);
    console.log('| variant | bytes per parked async call | minus plain |');
    console.log('|---|---:|---:|');
    console.log(`| plain | ${plain.perTask.toFixed(1)} | — |`);
    console.log(`| instrumented, no-op hooks (emitted code: extra frame registers) | ${noop.perTask.toFixed(1)} | ${(noop.perTask - plain.perTask).toFixed(1)} |`);
    console.log(`| instrumented, loopwatch/runtime | ${instrumented.perTask.toFixed(1)} | ${(instrumented.perTask - plain.perTask).toFixed(1)} |`);
    console.log(`\nTask object (instrumented minus no-op hooks): ${(instrumented.perTask - noop.perTask).toFixed(1)} bytes; live tasks counted by the registry: ${instrumented.live}`);
  }

  console.log('\n## allocated per async call + await (bench/fixtures/micro.ts, caller and callee instrumented; bytes, median of 15 × 5 000 calls)\n');
  console.log('| variant | empty callee, warmed alone | minus plain | empty callee, both warmed | minus plain | callee with one await | minus plain |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const variants = [['plain', 'plain'], ['noop', 'instrumented, no-op hooks'], ['instrumented', 'instrumented, loopwatch/runtime']];
  if (process.env.BASELINE_DIST) variants.push(['baseline', `instrumented, hooks from ${process.env.BASELINE_DIST}`]);
  let plain;
  for (const [variant, label] of variants) {
    const alone = await run('allocated', `${variant}:empty`);
    const both = await run('allocated', `${variant}:both`);
    const bytes = [alone.loopEmpty, both.loopEmpty, both.loopOneAwait];
    plain ??= bytes;
    console.log(`| ${label} | ${bytes.map((b, i) => `${b.toFixed(1)} | ${variant === 'plain' ? '—' : (b - plain[i]).toFixed(1)}`).join(' | ')} |`);
  }
}

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
import { fork } from 'node:child_process';
import { compile, load, noopHooks, runtime } from './fixtures/compile.mjs';

const args = process.argv.slice(2);
const env = (name, fallback) => Number(process.env[name] ?? fallback);

function collect() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

if (args[0] === '--child') child(args[1], args[2]);
else main();

async function child(mode, form) {
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
  const hooks = mode === 'noop' ? noopHooks() : undefined;
  const mod = load(compile('parked.ts', mode !== 'plain'), mode, hooks);
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

function run(mode, form = 'parkOn') {
  const proc = fork(new URL(import.meta.url).pathname, ['--child', mode, form], {
    execArgv: ['--expose-gc'],
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
}

#!/usr/bin/env node
// What the `stack` option of the debug tier costs (docs/runtime.md, "The main thread's stack").
//
//   npm run build && node bench/debug-stack.mjs [debugger] [capture]   (default: both; ROUNDS=5)
//
// debugger: CPU ns per async call + await in a child whose main thread has (a) nothing, (b) an
//           inspector session connected from a worker (connectToMainThread), (c) that session with the
//           debugger enabled — why the watchdog enables it only for the moment of a capture.
// capture:  a child with the debug tier (slowMs 100, JSON to a file) blocks its loop for BLOCK_MS,
//           with the stack option off and on, interleaved: when the live report is written (ms after
//           the block began) and how much longer the block lasted than the busy wait itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BLOCK_MS = Number(process.env.BLOCK_MS ?? 600);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

const debuggerChild = `
const { Worker } = require('node:worker_threads');
const mode = process.argv[1];
async function callee() { await null; return 1; }
async function loop(n) { let s = 0; for (let i = 0; i < n; i++) s += await callee(); return s; }
(async () => {
  let worker;
  if (mode !== 'plain') {
    worker = new Worker(\`
      const { parentPort } = require('node:worker_threads');
      const session = new (require('node:inspector').Session)();
      session.connectToMainThread();
      const ready = () => parentPort.postMessage('ready');
      if (\${mode === 'enabled'}) session.post('Debugger.enable', ready); else ready();
      setInterval(() => undefined, 1000); // the session stays open while the main thread measures
    \`, { eval: true });
    await new Promise((resolve) => worker.once('message', resolve));
    worker.unref();
  }
  await loop(100000);
  const start = process.cpuUsage();
  await loop(1000000);
  const used = process.cpuUsage(start);
  console.log(JSON.stringify({ ns: ((used.user + used.system) * 1000) / 1000000 }));
})();
`;

function debuggerBench() {
  const modes = ['plain', 'connected', 'enabled'];
  const ns = Object.fromEntries(modes.map((m) => [m, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of modes) {
      const out = spawnSync(process.execPath, ['-e', debuggerChild, mode], { encoding: 'utf8' });
      if (out.status !== 0 || !out.stdout.trim()) throw new Error(`debugger child (${mode}) failed: ${out.status} ${out.signal} ${out.error} ${out.stderr}`);
      ns[mode].push(JSON.parse(out.stdout.trim().split('\n').pop()).ns);
    }
  }
  console.log(`debugger: ns per async call + await (CPU, median of ${ROUNDS}; load ${load()})`);
  for (const mode of modes) console.log(`  ${mode.padEnd(10)} ${median(ns[mode]).toFixed(1).padStart(7)} ns  ${(median(ns[mode]) / median(ns.plain)).toFixed(2)}x plain`);
}

const captureChild = `
const { enableDebug, watchdogReady } = require(${JSON.stringify(join(root, 'dist/src/runtime/index.js'))});
const [output, stack, blockMs] = process.argv.slice(1);
enableDebug({ output, format: 'json', slowMs: 100, stack: stack === '1' });
watchdogReady().then(() => {
  const start = Date.now();
  while (Date.now() < start + Number(blockMs)) {}
  console.log(JSON.stringify({ start }));
});
`;

function captureBench() {
  const dir = mkdtempSync(join(tmpdir(), 'loopwatch-stack-bench-'));
  const rows = { off: { live: [], longer: [], frames: [] }, on: { live: [], longer: [], frames: [] } };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of ['off', 'on']) {
        const output = join(dir, `${variant}-${round}.jsonl`);
        const run = spawnSync(process.execPath, ['-e', captureChild, output, variant === 'on' ? '1' : '0', String(BLOCK_MS)], { encoding: 'utf8', env: { ...process.env, LOOPWATCH_DEBUG: '' } });
        const { start } = JSON.parse(run.stdout.trim().split('\n').pop());
        const reports = readFileSync(output, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
        const live = reports.find((r) => r.phase === 'blocked');
        const ended = reports.find((r) => r.phase === 'ended');
        if (live) rows[variant].live.push(Date.parse(live.time) - start);
        if (live) rows[variant].frames.push(live.stack?.length ?? 0);
        if (ended) rows[variant].longer.push(ended.durationMs - BLOCK_MS);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`capture: a ${BLOCK_MS} ms block, slowMs 100 (median of ${ROUNDS}; load ${load()})`);
  for (const variant of ['off', 'on']) {
    const r = rows[variant];
    console.log(`  stack ${variant.padEnd(3)}  live report at ${median(r.live)} ms, block longer by ${median(r.longer)} ms, frames ${median(r.frames)} (live reports ${r.live.length}/${ROUNDS})`);
  }
}

const parts = process.argv.slice(2);
if (parts.length === 0 || parts.includes('debugger')) debuggerBench();
if (parts.length === 0 || parts.includes('capture')) captureBench();

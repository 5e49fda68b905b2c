#!/usr/bin/env node
// Cost of the debug tier, and how fast the watchdog speaks (docs/benchmarks.md, "Debug tier").
//
//   npm run build && node bench/debug.mjs [overhead] [watchdog]   (default: both)
//
// overhead: CPU ns per async call + await (bench/fixtures/micro.ts: empty callee; callee with one
//           await), one fresh process per variant and round, variants interleaved (promise hooks are
//           process-wide, so tiers cannot share a process). Variants: plain; instrumented with the
//           always-on tier; the same after a promise hook was set and removed once (V8 keeps its
//           async fast paths off for good once any promise hook was set); instrumented with the
//           debug tier on (debug hooks, watchdog), called from this plain harness — every loop call
//           is then an orphan task (an orphan that threw would set a one-shot promise hook at its end;
//           these fulfil) — and called as an instrumented caller would (`await loop(n)` claimed by
//           `created` at an awaited call site); the debug tier again after a promise hook was set
//           and removed once (what a process looks like once any orphan has rejected or a stored
//           promise was watched); and two peers on the plain code: a v8.promiseHooks
//           tracker and an async_hooks tracker, each recording every promise (what a tool without
//           build-time instrumentation has to do).
// watchdog: a child with the debug tier (slowMs 100) blocks its loop for 150 ms, BLOCK_RUNS times;
//           latency = arrival of the live report line in the parent − block start − slowMs.
import { spawn } from 'node:child_process';
import { createHook } from 'node:async_hooks';
import { promiseHooks } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { compile, cpuNsPerCall, load, median, runtime } from './fixtures/compile.mjs';

const self = fileURLToPath(import.meta.url);
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const VARIANTS = [
  'plain', 'always-on', 'always-on, promise hook set once', 'debug, plain caller', 'debug, instrumented caller',
  'debug, plain caller, promise hook set once', 'peer: promiseHooks tracker', 'peer: async_hooks tracker',
];

/** In a child: set the variant up, warm up, measure, print JSON. */
async function overheadChild(variant) {
  const n = env('MICRO_N', 200_000);
  let mod;
  if (variant === 'plain' || variant.startsWith('peer')) mod = load(compile('micro.ts', false), 'plain');
  else mod = load(compile('micro.ts', true), 'instrumented');
  if (variant.startsWith('debug')) {
    const result = runtime().enableDebug({ output: '/dev/null' });
    if (!result.enabled) throw new Error(result.problems.join('; '));
  }
  if (variant === 'debug, instrumented caller') {
    // What `await loopEmpty(n)` in instrumented code does: the call is claimed at an awaited call site (kind 7).
    const { hooks } = runtime();
    const site = hooks.registerSites('bench/debug.mjs', [7, 1, 1, -1], []);
    const claimed = (fn) => (count) => hooks.created(site, fn(count));
    mod = { loopEmpty: claimed(mod.loopEmpty), loopOneAwait: claimed(mod.loopOneAwait) };
  }
  if (variant.endsWith('promise hook set once')) promiseHooks.onInit(() => undefined)();
  if (variant === 'peer: promiseHooks tracker') {
    const records = new WeakMap();
    promiseHooks.createHook({
      init(promise, parent) { records.set(promise, { parent, state: 0, createdAt: Date.now() }); },
      settled(promise) { const r = records.get(promise); if (r) r.state = 1; },
    });
  }
  if (variant === 'peer: async_hooks tracker') {
    const live = new Map();
    createHook({
      init(id, type, triggerId) { live.set(id, { type, triggerId }); },
      destroy(id) { live.delete(id); },
      promiseResolve(id) { live.delete(id); },
    }).enable();
  }
  for (let i = 0; i < 3; i++) { await mod.loopEmpty(n / 4); await mod.loopOneAwait(n / 4); }
  const empty = [];
  const one = [];
  for (let i = 0; i < 5; i++) {
    empty.push(await cpuNsPerCall(mod.loopEmpty, n));
    one.push(await cpuNsPerCall(mod.loopOneAwait, n));
  }
  process.stdout.write(JSON.stringify({ empty: median(empty), one: median(one) }));
}

function runChild(args, extraEnv = {}, script = self) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, LOOPWATCH_DEBUG: '', ...extraEnv } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')}: exit ${code}\n${err}`))));
  });
}

/**
 * DEBUG_VARIANTS='always-on;debug, plain caller…': only the variants named (`;`-separated; `plain` is always run).
 * BASELINE_ROOT=<another checkout with its own dist/>: its non-peer variants too, interleaved with
 * these, run by that checkout's bench/debug.mjs (a before/after in one run).
 */
function overheadVariants() {
  const picked = (process.env.DEBUG_VARIANTS ?? '').split(';').filter(Boolean);
  const own = picked.length ? VARIANTS.filter((v) => v === 'plain' || picked.includes(v)) : VARIANTS;
  const root = process.env.BASELINE_ROOT;
  if (!root) return own.map((v) => [v, v, self]);
  const script = `${root.replace(/\/$/, '')}/bench/debug.mjs`;
  const before = own.filter((v) => !v.startsWith('peer')).map((v) => [`${v} (baseline)`, v, script]);
  return [...own.map((v) => [v, v, self]), ...before];
}

async function overhead() {
  const rounds = env('DEBUG_ROUNDS', 7);
  const variants = overheadVariants();
  const results = new Map(variants.map(([name]) => [name, { empty: [], one: [] }]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...variants].reverse() : variants;
    for (const [variant, childVariant, script] of order) {
      const r = JSON.parse(await runChild(['--overhead-child', childVariant], {}, script));
      results.get(variant).empty.push(r.empty);
      results.get(variant).one.push(r.one);
    }
  }
  console.log(`\n## overhead: CPU ns per async call + await (median of ${rounds} processes per variant, interleaved)\n`);
  console.log('| variant | empty callee ns | vs plain | callee with one await ns | vs plain |');
  console.log('|---|---:|---:|---:|---:|');
  const base = { empty: median(results.get('plain').empty), one: median(results.get('plain').one) };
  for (const [variant, r] of results) {
    const e = median(r.empty);
    const o = median(r.one);
    console.log(`| ${variant} | ${e.toFixed(1)} | ${(e / base.empty).toFixed(2)}× | ${o.toFixed(1)} | ${(o / base.one).toFixed(2)}× |`);
  }
}

/** In a child: debug tier on, wait for the watchdog to start, then block the loop BLOCK_MS. */
async function blockChild() {
  runtime().enableDebug({ slowMs: 100 });
  await runtime().watchdogReady();
  const start = Date.now();
  process.stdout.write(`START ${start}\n`);
  const end = start + env('BLOCK_MS', 150);
  while (Date.now() < end) {
    // busy: the event loop is blocked
  }
}

function measureBlock() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [self, '--block-child'], { env: { ...process.env, LOOPWATCH_DEBUG: '', FORCE_COLOR: '0' } });
    let start = 0;
    let reportAt = 0;
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /START (\d+)/.exec(out);
      if (m) start = Number(m[1]);
    });
    child.stderr.on('data', (d) => {
      err += d;
      if (reportAt === 0 && err.includes('event loop blocked for')) reportAt = Date.now();
    });
    child.on('close', (code) => {
      if (code !== 0 || !start || !reportAt) reject(new Error(`block child: exit ${code}, start ${start}, report ${reportAt}\n${err}`));
      else resolve({ latency: reportAt - start - 100, live: /blocked for (\d+) ms/.exec(err)?.[1], total: /was blocked (\d+) ms/.exec(err)?.[1] });
    });
  });
}

async function watchdog() {
  const runs = env('BLOCK_RUNS', 10);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measureBlock());
  const latencies = results.map((r) => r.latency).sort((a, b) => a - b);
  console.log(`\n## watchdog: a 150 ms block, slowMs 100 (${runs} runs)\n`);
  console.log('| | median | max |');
  console.log('|---|---:|---:|');
  console.log(`| report latency after the threshold (ms) | ${median(latencies)} | ${latencies.at(-1)} |`);
  const totals = results.map((r) => Number(r.total)).sort((a, b) => a - b);
  console.log(`| total duration reported once free (ms) | ${median(totals)} | ${totals.at(-1)} |`);
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--overhead-child') await overheadChild(arg);
else if (mode === '--block-child') await blockChild();
else {
  const parts = process.argv.slice(2).length ? process.argv.slice(2) : ['overhead', 'watchdog'];
  console.log(`node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (parts.includes('overhead')) await overhead();
  if (parts.includes('watchdog')) await watchdog();
}

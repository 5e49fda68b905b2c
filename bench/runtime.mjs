#!/usr/bin/env node
// Runtime overhead of the always-on tier (docs/benchmarks.md, "Runtime overhead").
//
//   npm run build && node bench/runtime.mjs [micro] [async-hooks] [http]   (default: all three)
//
// micro:       an async call + await in a tight loop (empty callee; callee with one await), the
//              fixture compiled plain and with the real transform; variants interleaved in one process.
//              Also: the emitted code with no-op hooks, the first hooks.ts, and a floor (the least an
//              intrusive-list registry behind these hook calls can do, bench/fixtures/hooks-floor.cjs).
//              BASELINE_DIST=/path/to/old/dist[,…] adds each build's hooks as a variant (before/after).
//              MICRO_PROCESSES=k runs each table in k processes one after another, and also reports each
//              process's ratios and their median (JIT decisions differ between processes, so one
//              process's ratio moves by ±0.05× from run to run). MICRO_TABLES=full[,callee,weakmap] picks tables.
// async-hooks: the same plain loop with an async_hooks tracker (init + destroy into a Map), for reference.
// http:        a node:http server whose handler does three awaits, plain vs instrumented, alternating
//              runs, under keep-alive load from a client process on 127.0.0.1.
import { fork, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createHook } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, cpuNsPerCall, hooksOfBuild, load, median, noopHooks, runtime, variantHooks, withCurrentHooks } from './fixtures/compile.mjs';

const args = process.argv.slice(2);
/** A relative BASELINE_DIST is taken from bench/, as hooksOfBuild takes it. */
const benchDir = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => Number(process.env[name] ?? fallback);

async function main() {
  const parts = args.length ? args : ['micro', 'async-hooks', 'http'];
  console.log(`node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (parts.includes('micro')) await micro();
  if (parts.includes('async-hooks')) await asyncHooks();
  if (parts.includes('http')) await http();
}


async function rounds(variants, n, count) {
  const results = new Map(variants.map(([name]) => [name, { empty: [], one: [] }]));
  for (let round = 0; round < count; round++) {
    const order = round % 2 ? [...variants].reverse() : variants;
    for (const [name, mod] of order) {
      const empty = await cpuNsPerCall(mod.loopEmpty, n);
      const one = await cpuNsPerCall(mod.loopOneAwait, n);
      if (round >= 5) {
        results.get(name).empty.push(empty);
        results.get(name).one.push(one);
      }
    }
  }
  return results;
}

function report(results, baseline) {
  const base = results.get(baseline);
  const b = { empty: median(base.empty), one: median(base.one) };
  console.log('| variant | empty callee ns | ratio | callee with one await ns | ratio |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, r] of results) {
    const e = median(r.empty);
    const o = median(r.one);
    console.log(`| ${name} | ${e.toFixed(1)} | ${(e / b.empty).toFixed(3)}× | ${o.toFixed(1)} | ${(o / b.one).toFixed(3)}× |`);
  }
}

/**
 * Each table runs in a process of its own: variants in one table share the process (interleaved,
 * same conditions), but nothing one table leaves behind (a WeakMap's ephemeron table, JIT state of
 * the shared hooks) can tilt another.
 */
const MICRO_TABLES = {
  full: {
    title: 'async call + await, caller and callee instrumented (what the transform emits for both)',
    baseline: 'plain',
    variants: ({ plain, instrumented, real }) => [
      ['plain', load(plain, 'plain')],
      ['instrumented (loopwatch/runtime)', load(instrumented, 'instrumented')],
      ['instrumented, no-op hooks (cost of the emitted code alone)', load(instrumented, 'noop', noopHooks())],
      ['instrumented, first hooks.ts (44101fa)', load(instrumented, 'v1', withCurrentHooks(createRequire(import.meta.url)('./fixtures/hooks-v1.cjs')()))],
      ['instrumented, floor hooks (the least this design can do: bench/fixtures/hooks-floor.cjs)', load(instrumented, 'floor', variantHooks('floor'))],
      ...baselineVariant(instrumented),
    ],
  },
  callee: {
    title: 'callee only: the awaiting loop not instrumented (a library or framework calling instrumented code)',
    baseline: 'plain callees',
    variants: ({ plain, instrumented }) => {
      const callers = compile('micro-callers.ts', false);
      const calleesOnly = (name, callees) => {
        const mod = load(callers, `callers-${name}`);
        mod.use(callees);
        return mod;
      };
      return [
        ['plain callees', calleesOnly('plain', load(plain, 'callees-plain'))],
        ['instrumented callees (loopwatch/runtime)', calleesOnly('instrumented', load(instrumented, 'callees-instrumented'))],
        ['instrumented callees, no-op hooks', calleesOnly('noop', load(instrumented, 'callees-noop', noopHooks()))],
      ];
    },
  },
  weakmap: {
    title: 'the rejected nameTask design: a promise-to-task WeakMap filled at every recorded call (created, or the park of `await f()`)',
    baseline: 'plain',
    variants: ({ plain, instrumented, real }) => {
      const names = new WeakMap();
      const remember = (value, site) => {
        if (typeof value === 'object' && value !== null) names.set(value, site);
      };
      const withWeakMap = {
        ...real,
        created: (site, value, parent) => (remember(value, site), real.created(site, value, parent)),
        park: (task, site, value) => (remember(value, site), real.park(task, site, value)),
      };
      return [
        ['plain', load(plain, 'plain')],
        ['instrumented (loopwatch/runtime)', load(instrumented, 'instrumented')],
        ['instrumented + WeakMap.set per recorded call', load(instrumented, 'weakmap', withWeakMap)],
      ];
    },
  },
};

/**
 * BASELINE_DIST=<another build's dist/>[,<another>…]: that build side by side with this one, for a
 * before/after in one process: the fixture compiled by its transform, run with its hooks. Each build
 * gets a registry of its own (compile.mjs `hooksOfBuild`; before 2026-11-25 a build with this one's
 * registry key was handed this build's hooks, so such rows measured this build twice). A build whose
 * transform cannot be loaded that way runs this build's emitted code with its hooks.
 */
function baselineVariant(instrumented) {
  const dists = (process.env.BASELINE_DIST ?? '').split(',').filter(Boolean);
  return dists.map((dist, i) => {
    let code = instrumented;
    try {
      code = compile('micro.ts', true, resolve(benchDir, dist));
    } catch {
      // An older layout: keep this build's emitted code.
    }
    return [`instrumented, transform and hooks from ${dist}`, load(code, `baseline-${i}`, hooksOfBuild(dist))];
  });
}

async function microChild(table) {
  const n = env('MICRO_N', 100_000);
  const count = env('MICRO_ROUNDS', 60);
  const sources = { plain: compile('micro.ts', false), instrumented: compile('micro.ts', true), real: runtime().hooks };
  const results = await rounds(MICRO_TABLES[table].variants(sources), n, count);
  process.send(Object.fromEntries(results));
}

async function micro() {
  const n = env('MICRO_N', 100_000);
  const count = env('MICRO_ROUNDS', 60);
  const processes = env('MICRO_PROCESSES', 1);
  const picked = (process.env.MICRO_TABLES ?? '').split(',').filter(Boolean);
  const tables = Object.entries(MICRO_TABLES).filter(([table]) => picked.length === 0 || picked.includes(table));
  const each = processes > 1 ? `, in each of ${processes} processes` : '';
  console.log(`\n## micro: CPU ns per async call + await (n=${n}, median of ${count - 5} interleaved rounds${each})`);
  for (const [table, { title, baseline }] of tables) {
    const runs = [];
    for (let i = 0; i < processes; i++) {
      const proc = child(['--micro-child', table]);
      runs.push(new Map(Object.entries(await new Promise((resolve) => proc.once('message', resolve)))));
      proc.disconnect();
    }
    console.log(`\n### ${title}\n`);
    report(pooled(runs), baseline);
    if (processes > 1) reportPerProcess(runs, baseline);
  }
}

/** Every process's samples of a variant together. */
function pooled(runs) {
  const all = new Map();
  for (const run of runs) {
    for (const [name, { empty, one }] of run) {
      const samples = all.get(name) ?? { empty: [], one: [] };
      samples.empty.push(...empty);
      samples.one.push(...one);
      all.set(name, samples);
    }
  }
  return all;
}

/** Each process's ratio of a variant to the baseline (both medians of that process), and their median. */
function reportPerProcess(runs, baseline) {
  const ratios = (run, name, key) => median(run.get(name)[key]) / median(run.get(baseline)[key]);
  const list = (values) => values.map((v) => v.toFixed(3)).join(' ');
  console.log('\nPer process (each process\'s median ÷ its own baseline median):\n');
  console.log('| variant | empty callee, per process | median | callee with one await, per process | median |');
  console.log('|---|---|---:|---|---:|');
  for (const name of runs[0].keys()) {
    if (name === baseline) continue;
    const empty = runs.map((run) => ratios(run, name, 'empty'));
    const one = runs.map((run) => ratios(run, name, 'one'));
    console.log(`| ${name} | ${list(empty)} | **${median(empty).toFixed(3)}×** | ${list(one)} | ${median(one).toFixed(3)}× |`);
  }
}

function asyncHooksChild() {
  const mod = load(compile('micro.ts', false), 'plain-hooks');
  const live = new Map();
  const hook = createHook({
    init(id, type, triggerId) { live.set(id, { type, triggerId }); },
    destroy(id) { live.delete(id); },
    promiseResolve(id) { live.delete(id); },
  });
  const n = env('MICRO_N', 100_000) / 4;
  const variants = [['plain', mod], ['plain + async_hooks tracker', {
    loopEmpty: async (k) => { hook.enable(); try { await mod.loopEmpty(k); } finally { hook.disable(); } },
    loopOneAwait: async (k) => { hook.enable(); try { await mod.loopOneAwait(k); } finally { hook.disable(); } },
  }]];
  rounds(variants, n, Math.max(15, env('MICRO_ROUNDS', 60) / 2)).then((r) => process.send(Object.fromEntries(r)));
}

async function asyncHooks() {
  const child = fork(new URL(import.meta.url).pathname, ['--async-hooks-child'], { stdio: 'inherit' });
  const results = await new Promise((resolve) => child.once('message', resolve));
  console.log('\n## async_hooks tracker on the same loop (separate process, for reference)\n');
  report(new Map(Object.entries(results)), 'plain');
}

// --- http -------------------------------------------------------------------------------------

function serve(variant) {
  const mod = load(compile('server.ts', variant === 'instrumented'), `server-${variant}`);
  const server = mod.createAppServer();
  // Server CPU per request, counted from the end of the client's warm-up: less sensitive than
  // throughput to other processes on the machine.
  const warmup = env('HTTP_WARMUP', 4_000);
  let requests = 0;
  let cpuStart;
  server.on('request', () => {
    if (++requests === warmup) cpuStart = process.cpuUsage();
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', () => {
    const used = process.cpuUsage(cpuStart);
    process.send({ cpuUsPerRequest: (used.user + used.system) / (requests - warmup) });
  });
  process.on('disconnect', () => process.exit(0));
}

async function loadClient(port) {
  const { Agent, request } = await import('node:http');
  const total = env('HTTP_REQUESTS', 40_000);
  const maxMs = env('HTTP_MAX_MS', 5_000);
  const concurrency = env('HTTP_CONCURRENCY', 16);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const warmup = env('HTTP_WARMUP', 4_000);
  let sent = 0;
  let done = 0;
  let measuredStart = 0;
  const started = Date.now();
  await new Promise((resolve, reject) => {
    const one = () => {
      if (sent >= total + warmup || Date.now() - started > maxMs) { if (done === sent) resolve(); return; }
      sent++;
      const req = request({ host: '127.0.0.1', port, path: '/users/1', agent }, (res) => {
        res.resume();
        res.on('end', () => {
          done++;
          if (done === warmup) measuredStart = performance.now();
          one();
        });
      });
      req.on('error', reject);
      req.end();
    };
    for (let i = 0; i < concurrency; i++) one();
  });
  const seconds = (performance.now() - measuredStart) / 1000;
  agent.destroy();
  process.send({ requests: done - warmup, perSecond: (done - warmup) / seconds });
}

function child(argv) {
  return fork(new URL(import.meta.url).pathname, argv, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/**
 * On a machine with two or more cores, the server runs on core 1 and the client on core 0 (every
 * thread, `taskset -a`). Unpinned, the scheduler sometimes puts both on one core and a run lands at
 * half the throughput of the next, which made the medians bimodal; the variant is not what decides it.
 */
const pinCores = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0 && process.env.HTTP_PIN !== '0';

function pin(proc, core) {
  if (pinCores) spawnSync('taskset', ['-a', '-p', '-c', String(core), String(proc.pid)], { stdio: 'ignore' });
}

async function httpRun(variant) {
  const server = child(['--serve', variant]);
  pin(server, 1);
  const { port } = await new Promise((resolve) => server.once('message', resolve));
  const client = child(['--load', String(port)]);
  pin(client, 0);
  const result = await new Promise((resolve) => client.once('message', resolve));
  client.disconnect();
  server.send('report');
  const { cpuUsPerRequest } = await new Promise((resolve) => server.once('message', resolve));
  server.disconnect();
  await new Promise((resolve) => server.once('exit', resolve));
  return { ...result, cpuUsPerRequest };
}

async function http() {
  const runs = env('HTTP_RUNS', 12);
  const results = { plain: [], instrumented: [] };
  for (let run = 0; run < runs; run++) {
    for (const variant of run % 2 ? ['instrumented', 'plain'] : ['plain', 'instrumented']) {
      results[variant].push(await httpRun(variant));
    }
  }
  const rate = (variant) => median(results[variant].map((r) => r.perSecond));
  const cpu = (variant) => median(results[variant].map((r) => r.cpuUsPerRequest));
  // Each run is paired with the other variant's run of the same round (adjacent in time), so a
  // slow stretch of the machine lands on both sides of a ratio rather than on one variant's median.
  const paired = (pick) => results.instrumented.map((r, i) => pick(r) / pick(results.plain[i])).sort((a, b) => a - b);
  const throughputRatios = paired((r) => r.perSecond);
  const cpuRatios = paired((r) => r.cpuUsPerRequest);
  const range = (ratios) => `${ratios[0].toFixed(3)}–${ratios.at(-1).toFixed(3)}`;
  console.log(`\n## http: handler with three awaits, keep-alive client on 127.0.0.1 (${runs} alternating runs each, medians; ${pinCores ? 'server pinned to core 1, client to core 0' : 'not pinned'})\n`);
  console.log('| variant | req/s | throughput ratio | server CPU µs/request | CPU ratio | req/s per run |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const variant of ['plain', 'instrumented']) {
    console.log(`| ${variant} | ${rate(variant).toFixed(0)} | ${(rate(variant) / rate('plain')).toFixed(3)}× | ${cpu(variant).toFixed(1)} | ${(cpu(variant) / cpu('plain')).toFixed(3)}× | ${results[variant].map((r) => r.perSecond.toFixed(0)).join(' ')} |`);
  }
  console.log(`\nPaired (instrumented ÷ plain, same round): throughput median **${median(throughputRatios).toFixed(3)}×** (range ${range(throughputRatios)}, ${throughputRatios.filter((r) => r >= 0.98).length} of ${runs} rounds ≥ 0.98×); server CPU per request median ${median(cpuRatios).toFixed(3)}× (range ${range(cpuRatios)}).`);
}

if (args[0] === '--serve') serve(args[1]);
else if (args[0] === '--load') loadClient(Number(args[1]));
else if (args[0] === '--async-hooks-child') asyncHooksChild();
else if (args[0] === '--micro-child') microChild(args[1]);
else main();

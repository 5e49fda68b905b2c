#!/usr/bin/env node
// What the debug tier's never-awaited detection costs per stored promise (`const p = f(); … await p`):
// each one is watched for a reaction (docs/runtime.md, "never-awaited"), against an awaited call
// (`await f()`, handled by construction) and the plain and always-on builds of the same loop.
// One fresh process per variant, loop and round, interleaved: promise hooks are process-wide, and V8
// keeps its async fast paths off once any was set, so the awaited loop must not follow a stored one.
//
//   npm run build && node bench/debug-stored.mjs
//   STORED_BASELINE_DIST=<another build's dist/> node bench/debug-stored.mjs   (its tiers side by side)
//   STORED_ROUNDS=7 STORED_N=20000
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuNsPerCall, median, require } from './fixtures/compile.mjs';

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const env = (name, fallback) => Number(process.env[name] ?? fallback);

const source = `
export async function work(): Promise<number> { await null; return 1; }
export async function storedLoop(n: number): Promise<void> {
  for (let i = 0; i < n; i++) { const p = work(); await p; }
}
export async function awaitedLoop(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await work();
}
`;

/** In a child: one loop, built plain or with `dist`'s transform and runtime, debug tier on or off. */
async function child(variant, dist, loop) {
  const ts = require('typescript');
  const runtime = require(`${dist}/src/runtime/index.js`);
  const before = variant === 'plain' ? [] : [require(`${dist}/transform/index.js`).createTransformer({}, undefined, ts)];
  const code = ts.transpileModule(source, {
    fileName: 'bench/stored.ts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    transformers: { before },
  }).outputText;
  const mod = { exports: {} };
  new Function('exports', 'require', 'module', '__filename', code)(
    mod.exports, (id) => (id === 'loopwatch/runtime' ? runtime : require(id)), mod, `${root}bench/stored.js`,
  );
  if (variant === 'debug') {
    const result = runtime.enableDebug({ output: '/dev/null' });
    if (!result.enabled) throw new Error(result.problems.join('; '));
  }
  const n = env('STORED_N', 20_000);
  const fn = mod.exports[loop];
  for (let i = 0; i < 3; i++) await fn(n);
  const times = [];
  for (let i = 0; i < 5; i++) times.push(await cpuNsPerCall(fn, n));
  process.stdout.write(JSON.stringify(median(times)));
}

function runChild(variant, dist, loop) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [self, '--child', variant, dist, loop], { env: { ...process.env, LOOPWATCH_DEBUG: '' } });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${variant} ${dist}: exit ${code}\n${err}`))));
  });
}

async function main() {
  const ours = `${root}dist`;
  const baseline = process.env.STORED_BASELINE_DIST?.replace(/\/$/, '');
  const variants = [['plain', 'plain', ours], ['always-on', 'always-on', ours], ['debug', 'debug', ours]];
  if (baseline) variants.push(['always-on (baseline)', 'always-on', baseline], ['debug (baseline)', 'debug', baseline]);
  const rounds = env('STORED_ROUNDS', 7);
  const results = new Map(variants.map(([name]) => [name, { stored: [], awaited: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, variant, dist] of round % 2 ? [...variants].reverse() : variants) {
      results.get(name).stored.push(await runChild(variant, dist, 'storedLoop'));
      results.get(name).awaited.push(await runChild(variant, dist, 'awaitedLoop'));
    }
  }
  const { loadavg } = await import('node:os');
  console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}${baseline ? `, baseline ${baseline}` : ''}`);
  console.log(`\n## debug tier: CPU ns per call + await, stored first or awaited at once (median of ${rounds} processes)\n`);
  console.log('| variant | `const p = f(); await p` ns | vs plain | `await f()` ns | vs plain |');
  console.log('|---|---:|---:|---:|---:|');
  const plain = results.get('plain');
  const base = { stored: median(plain.stored), awaited: median(plain.awaited) };
  for (const [name, r] of results) {
    const s = median(r.stored);
    const a = median(r.awaited);
    console.log(`| ${name} | ${s.toFixed(0)} | ${(s / base.stored).toFixed(2)}× | ${a.toFixed(0)} | ${(a / base.awaited).toFixed(2)}× |`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();

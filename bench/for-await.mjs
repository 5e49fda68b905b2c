#!/usr/bin/env node
// What a `for await` over an instrumented async generator costs (docs/benchmarks.md, "for await").
//
//   npm run build && node bench/for-await.mjs
//
// bench/fixtures/loops.ts compiled plain and with the real transform, loops of one-value generators
// (one that yields at once, one that awaits first), variants interleaved in one process, CPU ns per
// loop. "Without loop claims" runs the same emitted code with `forAwait` as the identity and
// `enterGenerator` as `enter`: what the runtime did before the loop claimed the generator it starts
// (src/runtime/generator-claims.ts `forAwait`), so the difference is that claim's cost, its microtask included.
// FOR_AWAIT_N (default 20 000) loops per sample, FOR_AWAIT_ROUNDS (default 40) rounds, 5 of them warm-up.
import { compile, cpuNsPerCall, load, median, runtime } from './fixtures/compile.mjs';

const n = Number(process.env.FOR_AWAIT_N ?? 20_000);
const count = Number(process.env.FOR_AWAIT_ROUNDS ?? 40);
const real = runtime().hooks;
const plain = compile('loops.ts', false);
const instrumented = compile('loops.ts', true);
const withoutClaims = { ...real, forAwait: (task, iterable) => iterable, enterGenerator: (site) => real.enter(site) };
const variants = [
  ['plain', load(plain, 'plain')],
  ['instrumented (loopwatch/runtime)', load(instrumented, 'instrumented')],
  ['instrumented, without loop claims', load(instrumented, 'without-claims', withoutClaims)],
];
const columns = [['yields at once', 'loopYieldsOnce'], ['awaits, then yields', 'loopAwaitsThenYields']];
const samples = new Map(variants.map(([name]) => [name, columns.map(() => [])]));
for (let round = 0; round < count; round++) {
  for (const [name, mod] of round % 2 ? [...variants].reverse() : variants) {
    for (const [index, [, fn]] of columns.entries()) {
      const ns = await cpuNsPerCall(mod[fn], n);
      if (round >= 5) samples.get(name)[index].push(ns);
    }
  }
}
const base = samples.get('plain').map(median);
console.log(`node ${process.version}; CPU ns per \`for await\` loop over a one-value generator (n=${n}, median of ${count - 5} rounds)\n`);
console.log(`| variant | ${columns.map(([title]) => `${title} ns | ratio`).join(' | ')} |`);
console.log(`|---|${columns.map(() => '---:|---:').join('|')}|`);
for (const [name, values] of samples) {
  const cells = values.map((v, i) => `${median(v).toFixed(0)} | ${(median(v) / base[i]).toFixed(3)}×`);
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}

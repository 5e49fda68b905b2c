#!/usr/bin/env node
// Lint speed on real code: loopwatch's three rules vs typescript-eslint's no-floating-promises +
// no-misused-promises, in the SAME ESLint run on the same parser and ONE TypeScript program per package,
// timed per rule with ESLint's `stats` (per-file, per-rule times, in-process). n/no-sync runs alongside
// for the blocking findings; its time is shown but not part of the ratio. One warm-up pass (it also fills
// the checker's type caches, which both sides share), then --runs timed passes; per file and rule the median, summed.
//
//   npm run build && node bench/lint.mjs [--runs 7] [--packages mongodb,openai] [--verbose] [--write] [--from-src]
//
// The sources are the src/**/*.ts that these packages ship in their npm tarballs, fetched at the pinned
// versions below into bench/.cache/lint/ (gitignored). Their third-party imports are not installed and
// resolve to `any`, the same for both sides.
import { relative } from 'node:path';
import { markdownTable, median, writeBetweenMarkers } from './lib/doc.mjs';
import { LOOPWATCH_RULES, PEER_RULES, createLinter, kindOf, lintEach, loadLoopwatch, loadPeers, versionOf } from './lib/lint-setup.mjs';
import { preparePackage } from './lib/npm-sources.mjs';

const PACKAGES = [
  { name: 'mongodb', version: '6.20.0', what: 'MongoDB driver' },
  { name: 'openai', version: '5.23.2', what: 'HTTP API client with streaming' },
  { name: '@grpc/grpc-js', version: '1.14.7', what: 'gRPC client and server' },
];
const TS_RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'];
const LW_RULES = Object.keys(LOOPWATCH_RULES);
// loopwatch's counterparts of the two typescript-eslint rules, for a like-for-like figure.
const LW_COUNTERPARTS = ['loopwatch/no-floating-promises', 'loopwatch/no-async-void-callback'];

const argv = process.argv.slice(2);
const args = new Set(argv);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const runs = Math.max(1, Number(option('runs', '7')));
const wanted = option('packages', PACKAGES.map((p) => p.name).join(',')).split(',');
const packages = PACKAGES.filter((p) => wanted.includes(p.name));
if (packages.length === 0) {
  console.error(`bench/lint: no known package in --packages (known: ${PACKAGES.map((p) => p.name).join(', ')})`);
  process.exit(1);
}

let loopwatch;
try {
  loopwatch = await loadLoopwatch({ fromSource: args.has('--from-src') });
} catch (error) {
  console.error(`bench/lint: ${error.message}`);
  process.exit(1);
}
const peers = await loadPeers();
const rules = { ...LOOPWATCH_RULES, ...PEER_RULES };
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Each rule's time per file in one pass (ms): Map<file, Record<ruleId, ms>>. */
function ruleTimesByFile(results) {
  const byFile = new Map();
  for (const result of results) {
    const times = Object.fromEntries(Object.keys(rules).map((id) => [id, 0]));
    for (const pass of result.stats?.times?.passes ?? []) {
      for (const [id, { total }] of Object.entries(pass.rules ?? {})) times[id] = (times[id] ?? 0) + total;
    }
    byFile.set(result.filePath, times);
  }
  return byFile;
}

function findingsOf(results, dir) {
  const findings = [];
  for (const result of results) {
    const file = relative(dir, result.filePath).replace(/^package\//, '');
    for (const m of result.messages) {
      if (!m.ruleId) continue; // fatal parse errors are reported as crashes
      findings.push({ side: m.ruleId.startsWith('loopwatch/') ? 'loopwatch' : 'peers', kind: kindOf(m), file, line: m.line, m });
    }
  }
  return findings;
}

async function measure(pkg) {
  const { dir, tsconfig, files } = preparePackage(pkg);
  const eslint = await createLinter({ cwd: dir, tsconfig, loopwatch: loopwatch.plugin, peers, rules, stats: true });
  process.stderr.write(`${pkg.name}@${pkg.version}: ${files.length} files, warm-up`);
  const warm = await lintEach(eslint, files, dir);
  const crashed = new Set(warm.crashes.map((c) => c.file));
  const timedFiles = files.filter((f) => !crashed.has(relative(dir, f)));
  const passes = [];
  for (let i = 0; i < runs; i++) {
    process.stderr.write(` ${i + 1}`);
    const started = performance.now();
    const { results } = await lintEach(eslint, timedFiles, dir);
    passes.push({ wall: performance.now() - started, byFile: ruleTimesByFile(results) });
  }
  process.stderr.write('\n');
  // Per file and rule, the median over the passes, then summed over the files: a descheduling or GC
  // pause on a loaded machine inflates one listener call in one pass, and the median drops it.
  const perRule = Object.fromEntries(
    Object.keys(rules).map((id) => [
      id,
      timedFiles.reduce((sum, file) => sum + median(passes.map((p) => p.byFile.get(file)?.[id] ?? 0)), 0),
    ]),
  );
  const sideTime = (ids) => ids.reduce((sum, id) => sum + perRule[id], 0);
  // The ratio within each pass, to show how much it moves from pass to pass.
  const passRatios = passes.map((p) => {
    const total = (ids) => [...p.byFile.values()].reduce((sum, t) => sum + ids.reduce((s2, id) => s2 + t[id], 0), 0);
    return total(LW_RULES) / total(TS_RULES);
  });
  return {
    pkg,
    files: files.length,
    crashes: warm.crashes,
    perRule,
    loopwatch: sideTime(LW_RULES),
    typescriptEslint: sideTime(TS_RULES),
    counterparts: sideTime(LW_COUNTERPARTS),
    passRatios,
    wall: median(passes.map((p) => p.wall)),
    findings: findingsOf(warm.results, dir),
  };
}

/** Per kind: findings of each side matched by (file, line, kind). */
function compare(findings) {
  const keyOf = (f) => `${f.file}:${f.line}:${f.kind}`;
  const sides = { loopwatch: new Map(), peers: new Map() };
  for (const f of findings) {
    const map = sides[f.side];
    if (!map.has(keyOf(f))) map.set(keyOf(f), []);
    map.get(keyOf(f)).push(f);
  }
  const rows = [];
  const onlyLoopwatch = [];
  const onlyPeers = [];
  for (const kind of ['floating', 'async-void', 'blocking', 'other']) {
    const lw = [...sides.loopwatch.keys()].filter((k) => k.endsWith(`:${kind}`));
    const pe = [...sides.peers.keys()].filter((k) => k.endsWith(`:${kind}`));
    const both = lw.filter((k) => sides.peers.has(k));
    if (lw.length + pe.length === 0) continue;
    rows.push([kind, String(lw.length), String(pe.length), String(both.length), String(lw.length - both.length), String(pe.length - both.length)]);
    onlyLoopwatch.push(...lw.filter((k) => !sides.peers.has(k)).map((k) => sides.loopwatch.get(k)[0]));
    onlyPeers.push(...pe.filter((k) => !sides.loopwatch.has(k)).map((k) => sides.peers.get(k)[0]));
  }
  return { rows, onlyLoopwatch, onlyPeers };
}

const describe = (f) => `${f.file}:${f.line} ${f.kind} — ${f.m.ruleId.replace(/^.*\//, '')}:${f.m.messageId ?? ''} "${f.m.message.length > 110 ? `${f.m.message.slice(0, 107)}…` : f.m.message}"`;

const { cpus, loadavg } = await import('node:os');
const loadBefore = loadavg()[0];
const measured = [];
const unavailable = [];
for (const pkg of packages) {
  try {
    measured.push(await measure(pkg));
  } catch (error) {
    // No registry, or a tarball without sources: say which, and measure the others.
    unavailable.push(`${pkg.name}@${pkg.version}: ${String(error?.message ?? error).split('\n')[0]}`);
    console.error(`\nbench/lint: skipped ${unavailable.at(-1)}`);
  }
}
if (measured.length === 0) {
  console.error('bench/lint: no package could be measured');
  process.exit(1);
}
const loadAfter = loadavg()[0];

const speedTable = markdownTable(
  ['package', '.ts files', 'loopwatch, 3 rules (ms)', 'typescript-eslint, 2 rules (ms)', 'ratio', 'per-pass ratios', 'like for like¹', 'n/no-sync (ms)', 'goal ≤ 0.5×'],
  measured.map((r) => [
    `${r.pkg.name}@${r.pkg.version}`,
    String(r.files),
    ms(r.loopwatch),
    ms(r.typescriptEslint),
    `${(r.loopwatch / r.typescriptEslint).toFixed(2)}×`,
    `${Math.min(...r.passRatios).toFixed(2)}–${Math.max(...r.passRatios).toFixed(2)}×`,
    `${(r.counterparts / r.typescriptEslint).toFixed(2)}×`,
    ms(r.perRule['n/no-sync']),
    r.loopwatch <= 0.5 * r.typescriptEslint ? 'met' : 'not met',
  ]),
);
const perRuleTable = markdownTable(
  ['rule', ...measured.map((r) => `${r.pkg.name} (ms)`)],
  Object.keys(rules).map((id) => [id, ...measured.map((r) => ms(r.perRule[id]))]),
);

const DOC_LIMIT = 25;
const blocks = [];
const verboseBlocks = [];
for (const r of measured) {
  const { rows, onlyLoopwatch, onlyPeers } = compare(r.findings);
  const list = (items, limit) => [
    ...items.slice(0, limit).map((f) => `- ${describe(f)}`),
    ...(items.length > limit ? [`- … and ${items.length - limit} more (\`node bench/lint.mjs --verbose\`)`] : []),
  ];
  const table = rows.length
    ? markdownTable(['kind', 'loopwatch', 'peers', 'both', 'only loopwatch', 'only peers'], rows)
    : 'Neither side reports anything.';
  const crashes = r.crashes.length
    ? `Rule exceptions / parse errors (file left out of the timing): ${r.crashes.map((c) => `${c.file} [${c.ruleId}] ${c.message}`).join('; ')}`
    : 'No rule threw on any file.';
  const head = `### ${r.pkg.name}@${r.pkg.version} (${r.pkg.what}) — findings\n\n${table}\n\n${crashes}`;
  blocks.push(`${head}\n\nOnly loopwatch (${onlyLoopwatch.length}):\n\n${list(onlyLoopwatch, DOC_LIMIT).join('\n') || '- none'}\n\nOnly peers (${onlyPeers.length}):\n\n${list(onlyPeers, DOC_LIMIT).join('\n') || '- none'}`);
  verboseBlocks.push(`${head}\n\nOnly loopwatch:\n${list(onlyLoopwatch, Infinity).join('\n') || '- none'}\n\nOnly peers:\n${list(onlyPeers, Infinity).join('\n') || '- none'}`);
}

const footer = [
  '¹ loopwatch no-floating-promises + no-async-void-callback vs the two typescript-eslint rules (no-blocking-call has no counterpart there).',
  `Rule time = ESLint \`stats\` per-rule time (create + listeners): per file the median of ${runs} timed passes (after one warm-up pass), summed over the files. Wall time per pass: ${measured.map((r) => `${r.pkg.name} ${(r.wall / 1000).toFixed(1)} s`).join(', ')}.`,
  `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.versions.node}, ${cpus().length} cores (load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after), loopwatch ${versionOf('loopwatch')} (${loopwatch.origin}), @typescript-eslint ${versionOf('@typescript-eslint/eslint-plugin')}, eslint-plugin-n ${versionOf('eslint-plugin-n')}, eslint ${versionOf('eslint')}, typescript ${versionOf('typescript')}.`,
].join('\n');

const anyCrash = unavailable.length > 0 || measured.some((r) => r.crashes.length > 0);
console.log(`${speedTable}\n\n${perRuleTable}\n\n${footer}\n`);
console.log((args.has('--verbose') ? verboseBlocks : blocks).join('\n\n'));

if (args.has('--write')) {
  const generated = `${speedTable}\n\n${footer}\n\nPer rule (ms):\n\n${perRuleTable}\n\n${blocks.join('\n\n')}`;
  const path = writeBetweenMarkers('loopwatch:lint-speed', generated, '## Lint speed\n\n<!-- loopwatch:lint-speed:start -->\n<!-- loopwatch:lint-speed:end -->\n');
  console.log(`\nupdated ${path}`);
}
process.exitCode = anyCrash ? 1 : 0;

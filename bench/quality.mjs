#!/usr/bin/env node
// Detection quality on the labeled corpus (bench/corpus/): loopwatch's three rules vs the peer rules
// (typescript-eslint no-floating-promises + no-misused-promises, eslint-plugin-n no-sync), linted in ONE
// ESLint run over one typed program, scored line by line against each file's `// expect:` header.
//
//   npm run build && node bench/quality.mjs [--verbose] [--write] [--from-src]
//
// --verbose   lists each side's misses and false positives per file
// --write     updates the "Lint quality" section of docs/benchmarks.md (between its markers)
// --from-src  loads loopwatch from src/ through tsx instead of dist/
import { join } from 'node:path';
import { CORPUS_DIR, KINDS, listCases } from './lib/corpus.mjs';
import { markdownTable, writeBetweenMarkers } from './lib/doc.mjs';
import {
  LOOPWATCH_RULES,
  PEER_RULES,
  createLinter,
  kindOf,
  lintEach,
  loadLoopwatch,
  loadPeers,
  sideOf,
  versionOf,
} from './lib/lint-setup.mjs';

const args = new Set(process.argv.slice(2));
const SIDES = ['loopwatch', 'peers'];

function fail(message) {
  console.error(`bench/quality: ${message}`);
  process.exit(1);
}

const cases = listCases();
const invalid = cases.filter((c) => c.errors.length > 0);
if (invalid.length > 0) fail(`invalid corpus headers:\n${invalid.map((c) => `  ${c.rel}: ${c.errors.join('; ')}`).join('\n')}`);

let loopwatch;
try {
  loopwatch = await loadLoopwatch({ fromSource: args.has('--from-src') });
} catch (error) {
  fail(error.message);
}
const eslint = await createLinter({
  cwd: CORPUS_DIR,
  tsconfig: join(CORPUS_DIR, 'tsconfig.json'),
  loopwatch: loopwatch.plugin,
  peers: await loadPeers(),
  rules: { ...LOOPWATCH_RULES, ...PEER_RULES },
});
const started = performance.now();
const { results, crashes } = await lintEach(eslint, cases.map((c) => c.path), CORPUS_DIR);
const seconds = (performance.now() - started) / 1000;

// key: `${rel}:${line}:${kind}`; a side reporting one line twice for one kind counts once.
const expected = new Set();
for (const c of cases) for (const [kind, lines] of c.expect) for (const line of lines) expected.add(`${c.rel}:${line}:${kind}`);

const reported = { loopwatch: new Map(), peers: new Map() };
const byPath = new Map(cases.map((c) => [c.path, c]));
for (const result of results) {
  const c = byPath.get(result.filePath);
  for (const message of result.messages) {
    if (!message.ruleId) continue;
    const key = `${c.rel}:${message.line}:${kindOf(message)}`;
    const side = reported[sideOf(message.ruleId)];
    if (!side.has(key)) side.set(key, []);
    side.get(key).push(message);
  }
}

function score(side, kind) {
  const inKind = (key) => kind === 'all' || key.endsWith(`:${kind}`);
  const exp = [...expected].filter(inKind);
  const rep = [...reported[side].keys()].filter(inKind);
  const tp = rep.filter((key) => expected.has(key)).length;
  const fp = rep.length - tp;
  const fn = exp.length - tp;
  return { expected: exp.length, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : NaN, recall: exp.length ? tp / exp.length : NaN };
}

const pct = (x) => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(0)} %`);
const cleanCases = cases.filter((c) => c.expect.size === 0);
const flaggedClean = (side) => cleanCases.filter((c) => [...reported[side].keys()].some((key) => key.startsWith(`${c.rel}:`))).length;

const rows = [...KINDS, 'all'].map((kind) => {
  const [lw, peer] = SIDES.map((side) => score(side, kind));
  return [
    kind === 'all' ? '**all**' : kind,
    String(lw.expected),
    `${lw.tp} / ${lw.fp} / ${lw.fn}`,
    pct(lw.precision),
    pct(lw.recall),
    `${peer.tp} / ${peer.fp} / ${peer.fn}`,
    pct(peer.precision),
    pct(peer.recall),
  ];
});
const table = markdownTable(
  ['bug kind', 'expected', 'loopwatch TP / FP / FN', 'precision', 'recall', 'peers TP / FP / FN', 'precision', 'recall'],
  rows,
);
const all = Object.fromEntries(SIDES.map((side) => [side, score(side, 'all')]));
const goalMet = all.loopwatch.precision > all.peers.precision && all.loopwatch.recall > all.peers.recall;
const behind = KINDS.flatMap((kind) => {
  const [lw, peer] = SIDES.map((side) => score(side, kind));
  return [
    ...(lw.precision < peer.precision ? [`${kind} precision`] : []),
    ...(lw.recall < peer.recall ? [`${kind} recall`] : []),
  ];
});
const perFolder = KINDS.map((kind) => {
  const inFolder = cases.filter((c) => c.folder === kind);
  return `${kind} ${inFolder.length} (${inFolder.filter((c) => c.expect.size === 0).length} clean)`;
}).join(', ');
const summary = [
  `Corpus: ${cases.length} files — ${perFolder}; ${expected.size} expected findings.`,
  `Clean files with at least one finding: loopwatch ${flaggedClean('loopwatch')} of ${cleanCases.length}, peers ${flaggedClean('peers')} of ${cleanCases.length}.`,
  `Goal (loopwatch beats the peers on both precision and recall, overall): **${goalMet ? 'met' : 'not met'}**.${behind.length ? ` Per kind, loopwatch is behind on: ${behind.join(', ')}.` : ' Per kind, loopwatch is nowhere behind.'}`,
  crashes.length ? `Rule exceptions or parse errors: ${crashes.map((c) => `${c.file} (${c.ruleId})`).join(', ')}.` : 'No rule threw and every file parsed.',
  `Measured ${new Date().toISOString().slice(0, 10)} with loopwatch ${versionOf('loopwatch')} (${loopwatch.origin}), @typescript-eslint/eslint-plugin ${versionOf('@typescript-eslint/eslint-plugin')}, eslint-plugin-n ${versionOf('eslint-plugin-n')}, eslint ${versionOf('eslint')}, typescript ${versionOf('typescript')}; lint took ${seconds.toFixed(1)} s.`,
].join('\n');

console.log(`${table}\n\n${summary}`);

function describe(messages) {
  return messages.map((m) => `${m.ruleId.replace(/^.*\//, '')}${m.messageId ? `:${m.messageId}` : ''}`).join(', ');
}

/** Per file: the side's missed expectations and its findings on lines not expected for that kind. */
function differences(side) {
  const lines = [];
  for (const c of cases) {
    const missed = [...expected].filter((key) => key.startsWith(`${c.rel}:`) && !reported[side].has(key));
    const extra = [...reported[side]].filter(([key]) => key.startsWith(`${c.rel}:`) && !expected.has(key));
    if (missed.length === 0 && extra.length === 0) continue;
    const bits = [
      ...missed.map((key) => `miss ${key.slice(c.rel.length + 1).replace(/:(.*)$/, ' $1')}`),
      ...extra.map(([key, messages]) => `false positive ${key.slice(c.rel.length + 1).replace(/:(.*)$/, ' $1')} (${describe(messages)})`),
    ];
    lines.push(`  ${c.rel}: ${bits.join('; ')}`);
  }
  return lines;
}

if (args.has('--verbose')) {
  for (const side of SIDES) {
    const lines = differences(side);
    console.log(`\n${side}: ${lines.length ? `misses and false positives (line kind)` : 'no misses, no false positives'}`);
    for (const line of lines) console.log(line);
  }
}
if (crashes.length) {
  console.error('\nrule exceptions / parse errors:');
  for (const crash of crashes) console.error(`  ${crash.file} [${crash.ruleId}] ${crash.message}`);
}

if (args.has('--write')) {
  const generated = `${table}\n\n${summary}`;
  const path = writeBetweenMarkers('loopwatch:lint-quality', generated, '## Lint quality\n\n<!-- loopwatch:lint-quality:start -->\n<!-- loopwatch:lint-quality:end -->\n');
  console.log(`\nupdated ${path}`);
}
process.exitCode = crashes.length ? 1 : 0;

#!/usr/bin/env node
// Guard for transform speed work: emits the benchmark projects with two builds of the transform and
// compares every output file (.js and .js.map) byte for byte. Each build runs in its own fresh process
// (cold caches, as in a real build), in four modes: typed (the program's checker), untyped (no program:
// the syntactic call policy), trackCalls false and trackAwaits false.
//
//   npm run build && node bench/emit-identical.mjs --baseline <other build>/transform/index.js
//     [--transform dist/transform/index.js] [--project openai,self,mongodb]
//
// Exit status 1 when any file differs (the first differences are listed; both versions are kept under
// .tmp/emit-identical/ for `diff -r`). Projects and their tsconfig are bench/build.mjs's.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const MODES = {
  typed: { program: true, options: {} },
  untyped: { program: false, options: {} },
  'no-calls': { program: true, options: { trackCalls: false } },
  'no-awaits': { program: true, options: { trackAwaits: false } },
};

// Child: type-check once, then emit in every mode into <out>/<mode>/.
if (process.argv[2] === '--child') {
  const ts = createRequire(join(root, 'package.json'))('typescript');
  const [, , , entry, configPath, out] = process.argv;
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} });
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  ts.getPreEmitDiagnostics(program);
  const { createTransformer } = createRequire(entry)(entry);
  const outDir = resolve(config.options.outDir);
  for (const [mode, { program: typed, options }] of Object.entries(MODES)) {
    const before = [createTransformer(options, typed ? program : undefined, ts)];
    program.emit(undefined, (fileName, text) => {
      if (fileName.endsWith('.d.ts')) return;
      const target = join(out, mode, relative(outDir, fileName));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }, undefined, false, { before });
  }
  process.exit(0);
}

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const baseline = option('baseline', undefined);
if (baseline === undefined) {
  console.error('usage: node bench/emit-identical.mjs --baseline <other build>/transform/index.js [--transform <entry>] [--project openai,self,mongodb]');
  process.exit(2);
}
const builds = { baseline: resolve(baseline), current: resolve(option('transform', join(root, 'dist', 'transform', 'index.js'))) };
for (const entry of Object.values(builds)) {
  if (!existsSync(entry)) {
    console.error(`bench/emit-identical: ${entry} is missing`);
    process.exit(2);
  }
}
const projects = option('project', 'openai,self,mongodb').split(',');
const work = join(root, '.tmp', 'emit-identical');
// Where bench/build.mjs keeps each project (and writes its tsconfig.plain.json).
const projectDirs = {
  openai: join(root, 'bench', '.cache', 'openai-5.23.2'),
  self: join(root, 'bench', '.cache', 'self'),
  mongodb: join(root, 'bench', '.cache', 'lint', 'mongodb-6.20.0'),
};
for (const project of projects) {
  if (!Object.hasOwn(projectDirs, project)) {
    console.error(`bench/emit-identical: unknown project ${project} (known: ${Object.keys(projectDirs).join(', ')})`);
    process.exit(2);
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath ?? d.path, d.name)))
    .sort();
}

let differing = 0;
for (const project of projects) {
  // bench/build.mjs writes the project's configs (tsconfig.plain.json: no plugin) before it measures;
  // with zero runs it measures nothing (and then stumbles over its empty table, which is of no concern here).
  const setup = spawnSync(process.execPath, [join(root, 'bench', 'build.mjs'), '--emit', '--runs', '0', '--project', project], { encoding: 'utf8' });
  const label = /^project: (.*)$/m.exec(setup.stdout)?.[1] ?? project;
  const config = join(projectDirs[project], 'tsconfig.plain.json');
  if (!existsSync(config)) throw new Error(`bench/build.mjs --project ${project} wrote no ${config}:\n${setup.stdout}${setup.stderr}`);
  const outs = {};
  for (const [name, entry] of Object.entries(builds)) {
    const out = join(work, project, name);
    rmSync(out, { recursive: true, force: true });
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', entry, config, out], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`emit with ${entry} failed:\n${child.stdout}${child.stderr}`);
    outs[name] = out;
  }
  for (const mode of Object.keys(MODES)) {
    const a = join(outs.baseline, mode);
    const b = join(outs.current, mode);
    const files = filesUnder(a);
    const other = filesUnder(b);
    const problems = [];
    if (files.join('\n') !== other.join('\n')) problems.push('the two builds emitted different file lists');
    let instrumented = 0;
    for (const file of files) {
      if (!other.includes(file)) continue;
      const left = readFileSync(join(a, file));
      const right = readFileSync(join(b, file));
      if (!left.equals(right)) problems.push(file);
      if (file.endsWith('.js') && left.includes('registerSites(')) instrumented++;
    }
    differing += problems.length;
    console.log(`${problems.length === 0 ? 'identical' : 'DIFFERENT'}: ${label}, ${mode}: ${files.length} files (${instrumented} .js instrumented)`);
    for (const problem of problems.slice(0, 10)) console.log(`  differs: ${problem}  (diff ${join(a, problem)} ${join(b, problem)})`);
  }
}
process.exit(differing === 0 ? 0 : 1);

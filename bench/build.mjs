#!/usr/bin/env node
// Build overhead of the transform: `tspc` with { "transform": "loopwatch/transform" } vs plain `tsc`
// on the same real sources, side by side in one run (alternating, medians). `tspc` patches TypeScript
// in memory at every start; a persistently patched copy (`ts-patch install`, made in bench/.cache/)
// with and without the plugin separates ts-patch's own cost from the transform's.
//
//   npm run build && node bench/build.mjs [--runs 7] [--project openai|mongodb|self] [--transform <entry .js>]
//     [--variants tspc,tspc-bare,patched,patched-transform]   (tsc always runs; default: all five)
//   node bench/build.mjs --emit [--runs 5] [--baseline <entry .js>[,<entry .js>…]] [--single-threaded]
//     (the transform alone, see below)
//   node bench/build.mjs --instructions [--variants …]   (instruction counts under valgrind, see below)
//
// "openai": the TypeScript sources the `openai` npm package ships (src/, ~200 files, an async-heavy
// API client with streaming), fetched once at a pinned version into bench/.cache/ (gitignored).
// "self": this repository's own src/ + rules/ + transform/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countInstructions } from './lib/callgrind.mjs';
import { preparePackage } from './lib/npm-sources.mjs';
import { pool } from './lib/pool.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// --emit child: type-check the project, then time one cold program.emit with the given transform
// ("none" for none), printing the transform's own CPU ms and the whole emit's as JSON.
if (process.argv[2] === '--emit-child') {
  const ts = createRequire(join(root, 'package.json'))('typescript');
  const [, , , entry, configPath] = process.argv;
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} });
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  ts.getPreEmitDiagnostics(program);
  let own = 0;
  const cpuMs = (since) => { const { user, system } = process.cpuUsage(since); return (user + system) / 1000; };
  // One transformer per emit, as ts-patch makes it (the factory then runs once per file's context).
  const factory = entry === 'none' ? undefined : createRequire(entry)(entry).createTransformer({}, program, ts);
  const before = factory === undefined ? [] : [(context) => {
    const transformFile = factory(context);
    return (file) => {
      const start = process.cpuUsage();
      const result = transformFile(file);
      own += cpuMs(start);
      return result;
    };
  }];
  const start = process.cpuUsage();
  program.emit(undefined, () => {}, undefined, false, { before });
  console.log(JSON.stringify({ own, emit: cpuMs(start) }));
  process.exit(0);
}
const cache = join(root, 'bench', '.cache');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('runs', '7'));
const projectName = option('project', 'openai');
const OPENAI_VERSION = '5.23.2';

// --transform <file>: another build of the transform (e.g. a baseline), instead of dist/.
const transformEntry = resolve(option('transform', join(root, 'dist', 'transform', 'index.js')));
if (!existsSync(transformEntry)) {
  console.error(`bench/build: ${transformEntry} is missing; run \`npm run build\` first`);
  process.exit(1);
}

function run(command, commandArgs, cwd, env) {
  const result = spawnSync(command, commandArgs, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function openaiProject() {
  const dir = join(cache, `openai-${OPENAI_VERSION}`);
  if (!existsSync(join(dir, 'package', 'src', 'index.ts'))) {
    mkdirSync(dir, { recursive: true });
    const tarball = run('npm', ['pack', `openai@${OPENAI_VERSION}`, '--silent', '--pack-destination', dir], dir).trim();
    run('tar', ['-xzf', tarball], dir);
  }
  return {
    dir,
    label: `openai@${OPENAI_VERSION} src/ (TypeScript sources shipped in the npm package)`,
    include: ['package/src/**/*.ts'],
    // Optional peer dependencies (zod, ws) are not installed: leave their adapters out.
    exclude: ['package/src/helpers/zod.ts', 'package/src/**/ws.ts', 'package/src/_vendor/zod-to-json-schema/**'],
    compilerOptions: { lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [] },
  };
}

function selfProject() {
  const dir = join(cache, 'self');
  mkdirSync(dir, { recursive: true });
  const up = relative(dir, root);
  return {
    dir,
    label: 'this repository: src/ + rules/ + transform/',
    include: ['src/**/*.ts', 'rules/**/*.ts', 'transform/**/*.ts'].map((glob) => `${up}/${glob}`),
    exclude: [],
    compilerOptions: {
      lib: ['ES2023'], types: ['node'], esModuleInterop: true, resolveJsonModule: true, rootDir: up,
      module: 'node16', moduleResolution: 'node16',
    },
  };
}

// "mongodb": the MongoDB driver's TypeScript sources (mongodb@6.20.0, src/, 133 files; a larger
// program than openai's, so ts-patch's fixed start-up cost weighs less), as the lint benchmark fetches them.
function mongodbProject() {
  const { dir } = preparePackage({ name: 'mongodb', version: '6.20.0' });
  return {
    dir,
    label: 'mongodb@6.20.0 src/ (TypeScript sources shipped in the npm package)',
    include: ['package/src/**/*.ts'],
    exclude: [],
    compilerOptions: {
      lib: ['ES2023', 'DOM'], types: ['node'], typeRoots: [join(root, 'node_modules', '@types')],
      experimentalDecorators: true,
    },
  };
}

const projects = { openai: openaiProject, self: selfProject, mongodb: mongodbProject };
if (!Object.hasOwn(projects, projectName)) {
  console.error(`unknown --project ${projectName} (known: ${Object.keys(projects).join(', ')})`);
  process.exit(1);
}
const project = projects[projectName]();

function writeConfig(name, plugins) {
  const file = join(project.dir, `tsconfig.${name}.json`);
  writeFileSync(file, JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', strict: true, skipLibCheck: true,
      sourceMap: true, outDir: `out-${name}`, ...project.compilerOptions, plugins,
    },
    include: project.include,
    exclude: project.exclude,
  }, null, 2));
  return { config: file, out: join(project.dir, `out-${name}`) };
}

function patchedTypeScript() {
  const dir = join(cache, 'ts-patched', 'typescript');
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  const copied = existsSync(join(dir, 'package.json')) && JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  if (copied !== version) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(join(root, 'node_modules', 'typescript'), dir, { recursive: true });
    run(process.execPath, [join(root, 'node_modules', 'ts-patch', 'bin', 'ts-patch.js'), 'install', '-s', '-d', dir], root);
  }
  return join(dir, 'bin', 'tsc');
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const tspc = join(root, 'node_modules', 'ts-patch', 'bin', 'tspc.js');
const patchedTsc = patchedTypeScript();
const plugin = [{ transform: transformEntry }];
const allVariants = [
  { key: 'tsc', name: 'tsc', bin: tsc, ...writeConfig('plain', []) },
  { key: 'tspc', name: 'tspc + loopwatch/transform', bin: tspc, ...writeConfig('tspc', plugin) },
  // ts-patch's own cost: the floor under the tspc row, whatever the plugin does.
  { key: 'tspc-bare', name: 'tspc, no plugin', bin: tspc, ...writeConfig('tspc-bare', []) },
  { key: 'patched', name: 'patched tsc, no plugin', bin: patchedTsc, ...writeConfig('patched', []) },
  { key: 'patched-transform', name: 'patched tsc + loopwatch/transform', bin: patchedTsc, ...writeConfig('transform', plugin) },
];
// --variants tsc,tspc: only those (tsc always), for more rounds of the pair that matters in the same time.
const chosen = option('variants', undefined)?.split(',');
const unknownVariant = chosen?.find((key) => !allVariants.some((v) => v.key === key));
if (unknownVariant !== undefined) {
  console.error(`bench/build: unknown variant "${unknownVariant}"; choose from ${allVariants.map((v) => v.key).join(', ')}`);
  process.exit(1);
}
const variants = allVariants.filter((v) => v.key === 'tsc' || chosen === undefined || chosen.includes(v.key));

// CPU time of the compiler process itself, reported at exit: unlike wall time it barely moves when
// other processes compete for the (shared, 2-core) machine.
const cpuPreload = join(cache, 'cpu-usage.cjs');
mkdirSync(cache, { recursive: true });
writeFileSync(cpuPreload, `process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write('\\nLOOPWATCH_BENCH_CPU_US=' + (user + system) + '\\n');
});\n`);

function build(variant) {
  rmSync(variant.out, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', cpuPreload, variant.bin, '-p', variant.config], {
    cwd: project.dir, encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // tsc exits 2 when the sources have type errors but still emits; treat only a crash as failure.
  if (result.status !== 0 && result.status !== 2) throw new Error(`${variant.name} failed:\n${result.stdout}${result.stderr}`);
  const cpu = Number(/LOOPWATCH_BENCH_CPU_US=(\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1000;
  return { ms, cpu, errors: (result.stdout.match(/error TS\d+/g) ?? []).length };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// --emit [--baseline <entry>]: the transform without the compiler around it. Each run is a fresh
// process that type-checks, then emits once (cold, as in a build): the transform's own CPU time and
// the whole emit's, against an emit without the transform. Steadier than whole builds on a busy machine.
if (args.includes('--emit')) {
  // --baseline a.js,b.js: other builds of the transform, side by side. --single-threaded: children run
  // with V8's --single-threaded, so compiling and collecting garbage happen on the thread being timed
  // rather than beside it: steadier, and it counts the same work.
  const baselines = option('baseline', undefined)?.split(',') ?? [];
  const childFlags = args.includes('--single-threaded') ? ['--single-threaded'] : [];
  const emitVariants = [
    { name: 'emit without the transform', entry: 'none' },
    { name: 'emit with loopwatch/transform', entry: transformEntry },
    ...baselines.map((baseline) => ({ name: `emit with ${baseline}`, entry: resolve(baseline) })),
  ].map((v) => ({ ...v, own: [], emit: [] }));
  console.log(`project: ${project.label}`);
  console.log(`node ${process.version}${childFlags.length > 0 ? ' --single-threaded' : ''}, ${runs} alternating cold emits per variant, after type checking`);
  console.log(`load average at start (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (let i = 0; i < runs; i++) {
    for (const v of i % 2 ? [...emitVariants].reverse() : emitVariants) {
      const child = spawnSync(process.execPath, [...childFlags, fileURLToPath(import.meta.url), '--emit-child', v.entry, variants[0].config], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`emit child failed:\n${child.stdout}${child.stderr}`);
      const { own, emit } = JSON.parse(child.stdout.trim().split('\n').pop());
      v.own.push(own);
      v.emit.push(emit);
    }
  }
  const mid = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const plainEmit = mid(emitVariants[0].emit);
  console.log('');
  console.log('| variant | transform CPU ms (median) | emit CPU ms (median) | emit − no transform |');
  console.log('|---|---:|---:|---:|');
  for (const v of emitVariants) {
    console.log(`| ${v.name} | ${mid(v.own).toFixed(0)} | ${mid(v.emit).toFixed(0)} | ${(mid(v.emit) - plainEmit).toFixed(0)} |`);
  }
  console.log(`load average at end (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  process.exit(0);
}

// --instructions: each variant once under callgrind in `node --predictable` (bench/lib/callgrind.mjs),
// two at a time: a count the host's load does not move, about six minutes per variant on this machine.
if (args.includes('--instructions')) {
  console.log(`project: ${project.label}`);
  console.log(`transform: ${relative(root, transformEntry)}`);
  console.log(`node ${process.version} --predictable under valgrind --tool=callgrind, one run per variant`);
  const width = Math.max(1, Math.min(2, availableParallelism()));
  // `tspc` reads its patched compiler from ts-patch's cache under a lock file, and a process that
  // finds the lock taken busy-waits 100 ms on Date.now(): two `tspc` runs started together would
  // count that spin (about 0.06 × 10⁹ instructions). Each gets a cache of its own, filled beforehand.
  // The caches' paths are all as long: a longer path alone adds up to 0.036 × 10⁹ to a count
  // (docs/benchmarks.md, "Session 15"), and `tspc` and `tspc-bare` are compared by their counts.
  const envs = variants.map((variant, i) => {
    if (variant.bin !== tspc) return undefined;
    const env = { ...process.env, TSP_CACHE_DIR: join(cache, 'tsp-cache', `variant-${i}`) };
    run(process.execPath, [tspc, '--version'], project.dir, env);
    return env;
  });
  const counts = await pool(variants.map((variant, i) => () => {
    rmSync(variant.out, { recursive: true, force: true });
    return countInstructions([variant.bin, '-p', variant.config], { cwd: project.dir, env: envs[i] });
  }), width);
  const base = counts[0];
  console.log('');
  console.log('| build | instructions (10⁹) | × tsc |');
  console.log('|---|---:|---:|');
  variants.forEach((variant, i) => {
    console.log(`| ${variant.name} | ${(counts[i] / 1e9).toFixed(3)} | ${(counts[i] / base).toFixed(3)} |`);
  });
  const at = (key) => counts[variants.findIndex((v) => v.key === key)];
  if (at('tspc-bare') !== undefined && at('tspc') !== undefined) {
    console.log(`\ntransform under tspc (tspc + transform vs tspc, no plugin): ${(at('tspc') / at('tspc-bare')).toFixed(3)}×`);
  }
  if (at('patched') !== undefined && at('patched-transform') !== undefined) {
    console.log(`transform alone (patched tsc + transform vs patched tsc): ${(at('patched-transform') / at('patched')).toFixed(3)}×`);
  }
  process.exit(0);
}

console.log(`project: ${project.label}`);
console.log(`transform: ${relative(root, transformEntry)}`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`node ${process.version}, ${runs} alternating runs per variant after one warm-up each`);
console.log(`load average at start (1/5/15 min): ${load()}`);
for (const variant of variants) variant.warmup = build(variant);
const wall = new Map(variants.map((v) => [v.name, []]));
const cpu = new Map(variants.map((v) => [v.name, []]));
for (let i = 0; i < runs; i++) {
  for (const variant of i % 2 ? [...variants].reverse() : variants) {
    const result = build(variant);
    wall.get(variant.name).push(result.ms);
    cpu.get(variant.name).push(result.cpu);
  }
}

const outputs = (dir) => {
  const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.js'));
  const text = files.map((f) => readFileSync(join(dir, String(f)), 'utf8')).join('\n');
  return { files: files.length, functions: (text.match(/\.enter(?:Generator)?\(__lwSites/g) ?? []).length };
};
const withPlugin = variants.find((v) => v.key === 'tspc' || v.key === 'patched-transform');
const instrumented = withPlugin === undefined ? undefined : outputs(withPlugin.out);
const baseCpu = median(cpu.get('tsc'));
const baseWall = median(wall.get('tsc'));
console.log('');
// Paired: each round's own ratio to that round's tsc, then the median of those. Runs of one round sit
// within seconds of each other, so the host's load, which drifts over minutes, mostly cancels.
const paired = (times, name) => median(times.get(name).map((t, i) => t / times.get('tsc')[i]));
console.log('| build | CPU ms (median) | × tsc | × tsc, paired | wall ms (median) | × tsc | × tsc, paired | wall ms (min) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const variant of variants) {
  const c = median(cpu.get(variant.name));
  const w = median(wall.get(variant.name));
  console.log(`| ${variant.name} | ${c.toFixed(0)} | ${(c / baseCpu).toFixed(3)} | ${paired(cpu, variant.name).toFixed(3)} | ${w.toFixed(0)} | ${(w / baseWall).toFixed(3)} | ${paired(wall, variant.name).toFixed(3)} | ${Math.min(...wall.get(variant.name)).toFixed(0)} |`);
}
console.log('');
const ratio = (times, a, b) => (median(times.get(a)) / median(times.get(b))).toFixed(3);
const bareTspc = variants.find((v) => v.key === 'tspc-bare');
const tspcWithTransform = variants.find((v) => v.key === 'tspc');
if (bareTspc !== undefined && tspcWithTransform !== undefined) {
  console.log(`transform under tspc (tspc + transform vs tspc, no plugin): ${ratio(cpu, tspcWithTransform.name, bareTspc.name)}× CPU, ${ratio(wall, tspcWithTransform.name, bareTspc.name)}× wall`);
}
const patchedAlone = variants.find((v) => v.key === 'patched');
const patchedWithTransform = variants.find((v) => v.key === 'patched-transform');
if (patchedAlone !== undefined && patchedWithTransform !== undefined) {
  console.log(`transform alone (patched tsc + transform vs patched tsc): ${ratio(cpu, patchedWithTransform.name, patchedAlone.name)}× CPU, ${ratio(wall, patchedWithTransform.name, patchedAlone.name)}× wall`);
}
console.log(`load average at end (1/5/15 min): ${load()}`);
console.log(`type errors reported (same in every variant): ${variants.map((v) => v.warmup.errors).join(' / ')}`);
if (instrumented !== undefined) console.log(`instrumented output: ${instrumented.files} .js files, ${instrumented.functions} async functions instrumented`);

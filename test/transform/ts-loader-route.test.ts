/**
 * The ts-loader route: webpack 5 (target node, CommonJS chunks, mode none) with ts-loader 9 and
 * `getCustomTransformers: (program) => ({ before: [createTransformer({}, program)] })`
 * (test/transform/fixtures/tool-routes/project: webpack.config.js, built by build-webpack.js). The bundle
 * prints what the runtime sees while Greeter.greet() is parked, so its output proves whether the code
 * ran instrumented. One webpack build per mode: type-checking (ts-loader's language service),
 * transpileOnly, and ts-loader's own `compiler: 'ts-patch/compiler'` option instead of the factory.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMPILING_CHILD_TIMEOUT_MS, fixturesDir, makeWorkspace, pool, runNode, tasksOutput, type RunResult, type Workspace } from './harness';

const fixture = path.join(fixturesDir, 'tool-routes', 'project');

interface Observed {
  /** What build-webpack.js says ts-loader handed getCustomTransformers. */
  readonly program: string;
  /** The bundle run from the project folder and from src/ (site paths are relative to the working directory). */
  readonly run: RunResult;
  readonly runInSrc: RunResult;
}

const modes = {
  typeChecking: [],
  transpileOnly: ['--transpile-only'],
  patchedCompiler: ['--patched-compiler'],
} satisfies Record<string, string[]>;
type ModeName = keyof typeof modes;
const observed = {} as Record<ModeName, Observed>;
let workspace: Workspace;

async function buildAndRun(name: ModeName): Promise<Observed> {
  const dir = path.join(workspace.dir, name);
  fs.cpSync(fixture, dir, { recursive: true });
  const build = await runNode(['build-webpack.js', ...modes[name]], dir, {}, COMPILING_CHILD_TIMEOUT_MS);
  assert.equal(build.code, 0, `webpack build (${name}) failed:\n${build.stderr}${build.stdout}`);
  const bundle = path.join(dir, 'dist', 'main.js');
  return {
    program: build.stdout.trimEnd().split('\n').at(-1)!,
    run: await runNode([bundle], dir),
    runInSrc: await runNode([bundle], path.join(dir, 'src')),
  };
}

before(async () => {
  workspace = makeWorkspace('ts-loader');
  const names = Object.keys(modes) as ModeName[];
  const results = await pool(names.map((name) => () => buildAndRun(name)), 2);
  names.forEach((name, i) => (observed[name] = results[i]!));
});
after(() => workspace.remove());

/** The tasks line, the printTasks() table with its age column (timing) cut off, and the result line. */
function output(run: RunResult): { tasks: string; table: string[]; result: string } {
  const { tasks, table, result } = tasksOutput(run);
  return { tasks, table, result };
}

const INSTRUMENTED = {
  tasks: 'tasks ["Greeter.greet src/greeter.ts:3:3 created src/main.ts:7:20 parked src/greeter.ts:4:5"]',
  table: [
    'id  state   name           created at        parked at',
    ' 1  parked  Greeter.greet  src/main.ts:7:20  src/greeter.ts:4:5',
  ],
  result: 'HELLO WEBPACK',
};
const IN_SRC = 'tasks ["Greeter.greet greeter.ts:3:3 created main.ts:7:20 parked greeter.ts:4:5"]';

describe('ts-loader 9 under webpack 5', () => {
  it('getCustomTransformers, type-checking mode: gets the language service Program; the bundle runs instrumented', () => {
    const { program, run, runInSrc } = observed.typeChecking;
    assert.match(program, /^getCustomTransformers got a Program with 4 root files, \d+ source files$/);
    assert.deepEqual(output(run), INSTRUMENTED);
    assert.equal(output(runInSrc).tasks, IN_SRC, 'sites are shown relative to the working directory');
  });

  // ts-loader's transpileOnly calls getCustomTransformers once with `createProgram([], options)`, then
  // compiles each file with transpileModule: the transform must take that empty Program as no type
  // information (the files are not in it) and still record creation sites by syntax.
  it('getCustomTransformers, transpileOnly: gets an empty Program; the bundle runs instrumented, creation sites included', () => {
    const { program, run, runInSrc } = observed.transpileOnly;
    assert.equal(program, 'getCustomTransformers got a Program with 0 root files, 0 source files');
    assert.deepEqual(output(run), INSTRUMENTED);
    assert.equal(output(runInSrc).tasks, IN_SRC);
  });

  // ts-loader's `compiler` option, like ts-jest's and ts-node's: ts-patch applies the tsconfig `plugins` entry.
  it('with compiler: "ts-patch/compiler" and no getCustomTransformers, the plugins entry instruments the bundle', () => {
    const { program, run, runInSrc } = observed.patchedCompiler;
    assert.equal(program, 'getCustomTransformers got not called');
    assert.deepEqual(output(run), INSTRUMENTED);
    assert.equal(output(runInSrc).tasks, IN_SRC);
  });
});

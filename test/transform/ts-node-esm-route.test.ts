/**
 * ts-node's ESM loader: `node --loader ts-node/esm src/main.ts` (Node 20) on a `"type": "module"` project
 * whose tsconfig has the loopwatch `plugins` entry and `"ts-node": { "compiler": "ts-patch/compiler",
 * "esm": true }` (test/transform/fixtures/tool-routes/esm-project). The program prints whether it ran
 * as an ES module, then what the runtime sees while Greeter.greet() is parked, so the output proves
 * the instrumented module was ESM (an ES module has no `require`, so its prologue must have imported
 * the runtime) and ran instrumented. Type-checking, transpileOnly and no compiler are checked, and the
 * type-checking run once more from src/ for the working-directory-relative site paths.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMPILING_CHILD_TIMEOUT_MS, copyProject, fixturesDir, makeWorkspace, pool, runNode, tasksOutput, type RunResult, type Workspace } from './harness';

const fixture = path.join(fixturesDir, 'tool-routes', 'esm-project');

/** A copy of the fixture whose tsconfig has `tsNode` as its "ts-node" section. */
function project(workspace: Workspace, name: string, tsNode: Record<string, unknown>): string {
  return copyProject(fixture, workspace, name, (tsconfig) => (tsconfig['ts-node'] = tsNode));
}

/** `module esm|cjs`, the tasks line, the printTasks() table with its age column cut off, the result. */
function observed(run: RunResult): { module: string; tasks: string; table: string[]; result: string } {
  const { lines, tasks, table, result } = tasksOutput(run, 1);
  return { module: lines[0]!, tasks, table, result };
}

type RunName = 'instrumented' | 'instrumentedFromSrc' | 'transpileOnly' | 'withoutCompiler';
const runs = {} as Record<RunName, RunResult>;
let workspace: Workspace;

before(async () => {
  workspace = makeWorkspace('ts-node-esm');
  const loader = ['--no-warnings', '--loader', 'ts-node/esm'];
  const instrumented = project(workspace, 'instrumented', { compiler: 'ts-patch/compiler', esm: true });
  const transpileOnly = project(workspace, 'transpileOnly', { compiler: 'ts-patch/compiler', esm: true, transpileOnly: true });
  // transpileOnly keeps the negative case cheap; plain typescript ignores `plugins` in every mode.
  const withoutCompiler = project(workspace, 'withoutCompiler', { esm: true, transpileOnly: true });
  const jobs: Record<RunName, () => Promise<RunResult>> = {
    instrumented: () => runNode([...loader, 'src/main.ts'], instrumented, {}, COMPILING_CHILD_TIMEOUT_MS),
    instrumentedFromSrc: () => runNode([...loader, 'main.ts'], path.join(instrumented, 'src'), {}, COMPILING_CHILD_TIMEOUT_MS),
    transpileOnly: () => runNode([...loader, 'src/main.ts'], transpileOnly, {}, COMPILING_CHILD_TIMEOUT_MS),
    withoutCompiler: () => runNode([...loader, 'src/main.ts'], withoutCompiler, {}, COMPILING_CHILD_TIMEOUT_MS),
  };
  const names = Object.keys(jobs) as RunName[];
  const results = await pool(names.map((name) => jobs[name]), 2);
  names.forEach((name, i) => (runs[name] = results[i]!));
});
after(() => workspace.remove());

const INSTRUMENTED = {
  module: 'module esm',
  tasks: 'tasks ["Greeter.greet src/main.ts:6:3 created src/main.ts:15:20 parked src/main.ts:7:5"]',
  table: [
    'id  state   name           created at         parked at',
    ' 1  parked  Greeter.greet  src/main.ts:15:20  src/main.ts:7:5',
  ],
  result: 'HELLO ESM',
};

describe('ts-node/esm with "compiler": "ts-patch/compiler"', () => {
  it('type-checking mode runs the ES module instrumented: the parked task, its creation and parked sites', () => {
    assert.deepEqual(observed(runs.instrumented), INSTRUMENTED);
  });

  it('sites are shown relative to the working directory (the same run from src/)', () => {
    const { tasks, table } = observed(runs.instrumentedFromSrc);
    assert.equal(tasks, 'tasks ["Greeter.greet main.ts:6:3 created main.ts:15:20 parked main.ts:7:5"]');
    assert.equal(table[1], ' 1  parked  Greeter.greet  main.ts:15:20  main.ts:7:5');
  });

  it('transpileOnly is instrumented too, creation sites included', () => {
    assert.deepEqual(observed(runs.transpileOnly), INSTRUMENTED);
  });

  it('without the compiler setting (plain typescript) the plugins entry is ignored: nothing is instrumented', () => {
    assert.deepEqual(observed(runs.withoutCompiler), { ...INSTRUMENTED, tasks: 'tasks []', table: ['(no live tasks)'] });
  });
});

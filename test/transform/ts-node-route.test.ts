/**
 * The ts-node route: `node -r ts-node/register` on a project whose tsconfig has the loopwatch `plugins`
 * entry and `"ts-node": { "compiler": "ts-patch/compiler" }` (test/transform/fixtures/ts-node-project).
 * The program prints what the runtime sees while Greeter.greet() is parked, so the output proves whether
 * the code ran instrumented. Type-checking mode and transpileOnly are both checked, and the same project
 * without the compiler setting (ts-node's default, plain typescript) must run uninstrumented.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMPILING_CHILD_TIMEOUT_MS, copyProject, fixturesDir, makeWorkspace, pool, runNode, tasksOutput, type RunResult, type Workspace } from './harness';

const fixture = path.join(fixturesDir, 'ts-node-project');

/** A copy of the fixture whose tsconfig has `tsNode` as its "ts-node" section. */
function project(workspace: Workspace, name: string, tsNode: Record<string, unknown>): string {
  return copyProject(fixture, workspace, name, (tsconfig) => (tsconfig['ts-node'] = tsNode));
}

/** The first output line, plus the printTasks() table with its age column (timing) cut off. */
function observed(run: RunResult): { tasks: string; table: string[]; result: string } {
  const { tasks, table, result } = tasksOutput(run);
  return { tasks, table, result };
}

const runs: Record<'instrumented' | 'transpileOnly' | 'withoutCompiler', RunResult> = {} as never;
let workspace: Workspace;

before(async () => {
  workspace = makeWorkspace('ts-node');
  const variants = {
    // The configuration docs/transform.md gives, exactly.
    instrumented: { compiler: 'ts-patch/compiler' },
    transpileOnly: { compiler: 'ts-patch/compiler', transpileOnly: true },
    // transpileOnly keeps the negative case cheap (no type check); plain typescript ignores `plugins` in every mode.
    withoutCompiler: { transpileOnly: true },
  } satisfies Record<keyof typeof runs, Record<string, unknown>>;
  const names = Object.keys(variants) as (keyof typeof runs)[];
  const results = await pool(
    names.map((name) => () => runNode(['-r', 'ts-node/register', 'src/main.ts'], project(workspace, name, variants[name]), {}, COMPILING_CHILD_TIMEOUT_MS)),
    2,
  );
  names.forEach((name, i) => (runs[name] = results[i]!));
});
after(() => workspace.remove());

describe('ts-node with "compiler": "ts-patch/compiler"', () => {
  it('type-checking mode runs the program instrumented: the parked task, its creation and parked sites', () => {
    const { tasks, table, result } = observed(runs.instrumented);
    assert.equal(tasks, 'tasks ["Greeter.greet src/main.ts:6:3 created src/main.ts:15:20 parked src/main.ts:7:5"]');
    assert.deepEqual(table, [
      'id  state   name           created at         parked at',
      ' 1  parked  Greeter.greet  src/main.ts:15:20  src/main.ts:7:5',
    ]);
    assert.equal(result, 'HELLO TS-NODE', 'the program computes the same');
  });

  it('transpileOnly also applies the plugin: tasks and their awaits are tracked', () => {
    const { tasks, table, result } = observed(runs.transpileOnly);
    assert.match(tasks, /^tasks \["Greeter\.greet src\/main\.ts:6:3 created \S+ parked src\/main\.ts:7:5"\]$/);
    assert.equal(table.length, 2);
    assert.equal(result, 'HELLO TS-NODE');
  });

  // ts.transpileModule (ts-node's transpileOnly) compiles each file as a one-file Program with noLib and
  // noResolve: it must count as no type information, or no call would be wrapped and no creation site recorded.
  it('transpileOnly records creation sites', () => {
    assert.match(observed(runs.transpileOnly).tasks, /created src\/main\.ts:15:20 /);
  });

  it('without the compiler setting (plain typescript) the plugins entry is ignored: nothing is instrumented', () => {
    const { tasks, table, result } = observed(runs.withoutCompiler);
    assert.equal(tasks, 'tasks []');
    assert.deepEqual(table, ['(no live tasks)']);
    assert.equal(result, 'HELLO TS-NODE');
  });
});

/**
 * The ts-jest route: jest 29 + ts-jest 29 with `{ compiler: 'ts-patch/compiler' }` on a project whose
 * tsconfig has the loopwatch `plugins` entry (test/transform/fixtures/tool-routes/project). Its one jest
 * test calls tasks() while Greeter.greet() is parked and compares what it sees with
 * LOOPWATCH_EXPECTED_TASKS, so a passing jest run proves the code ran instrumented (or, where the
 * plugin cannot apply, that it did not). One jest run per mode.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMPILING_CHILD_TIMEOUT_MS, copyProject, fixturesDir, makeWorkspace, pool, repoRoot, runNode, type RunResult, type Workspace } from './harness';

const fixture = path.join(fixturesDir, 'tool-routes', 'project');
const jest = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');

const INSTRUMENTED = ['Greeter.greet src/greeter.ts:3:3 created src/greeter.test.ts:10:20 parked src/greeter.ts:4:5'];

interface Mode {
  /** ts-jest's `compiler` option; undefined = ts-jest's default, plain `typescript`. */
  readonly compiler: string | undefined;
  /** Merged into the fixture's compilerOptions. */
  readonly compilerOptions: Record<string, unknown>;
  readonly expected: readonly string[];
}

const modes = {
  // The configuration docs/transform.md gives: ts-jest's language service (type-checking).
  typeChecking: { compiler: 'ts-patch/compiler', compilerOptions: {}, expected: INSTRUMENTED },
  // ts-jest's transpile-only mode: each file through the compiler's transpileModule (no types).
  isolatedModules: { compiler: 'ts-patch/compiler', compilerOptions: { isolatedModules: true }, expected: INSTRUMENTED },
  // Plain typescript knows nothing of `plugins` (transpile-only keeps this negative case cheap).
  withoutCompiler: { compiler: undefined, compilerOptions: { isolatedModules: true }, expected: [] },
  // With module node16/nodenext, ts-jest 29.4's transpile-only path builds its own Program with
  // `require('typescript')` instead of the configured compiler, so the plugin is silently not applied.
  isolatedModulesNode16: {
    compiler: 'ts-patch/compiler',
    compilerOptions: { isolatedModules: true, module: 'node16', moduleResolution: 'node16' },
    expected: [],
  },
} satisfies Record<string, Mode>;
type ModeName = keyof typeof modes;

/** A copy of the fixture with this mode's tsconfig and jest.config.js (its own jest cache). */
function project(workspace: Workspace, name: ModeName): string {
  const { compiler, compilerOptions } = modes[name];
  const dir = copyProject(fixture, workspace, name, (tsconfig) => Object.assign(tsconfig['compilerOptions'], compilerOptions));
  const tsJest = compiler === undefined ? "'ts-jest'" : `['ts-jest', { compiler: ${JSON.stringify(compiler)} }]`;
  fs.writeFileSync(path.join(dir, 'jest.config.js'), [
    'module.exports = {',
    "  testEnvironment: 'node',",
    "  cacheDirectory: __dirname + '/.jest-cache',",
    `  transform: { '^.+\\\\.tsx?$': ${tsJest} },`,
    '};',
    '',
  ].join('\n'));
  return dir;
}

const runs = {} as Record<ModeName, RunResult>;
let workspace: Workspace;

before(async () => {
  workspace = makeWorkspace('ts-jest');
  const names = Object.keys(modes) as ModeName[];
  const results = await pool(
    names.map((name) => () => runNode(
      [jest, '--ci', '--no-watchman'],
      project(workspace, name),
      { CI: 'true', LOOPWATCH_EXPECTED_TASKS: JSON.stringify(modes[name].expected) },
      COMPILING_CHILD_TIMEOUT_MS,
    )),
    2,
  );
  names.forEach((name, i) => (runs[name] = results[i]!));
});
after(() => workspace.remove());

/** The jest test passed: it saw exactly the mode's expected tasks (jest prints its summary on stderr). */
function passed(name: ModeName): void {
  const run = runs[name];
  assert.equal(run.code, 0, `jest failed in mode ${name} (signal ${run.signal}):\n${run.stderr}${run.stdout}`);
  assert.match(run.stderr, /^Tests:\s+1 passed, 1 total$/m);
}

describe('ts-jest with { compiler: "ts-patch/compiler" }', () => {
  it('type-checking mode: the jest test sees greet() parked, with its creation and parked sites', () => {
    passed('typeChecking');
  });

  it('isolatedModules (transpile-only): still instrumented, creation sites recorded by syntax', () => {
    passed('isolatedModules');
  });

  it('without the compiler option (plain typescript) the plugins entry is ignored: no tasks', () => {
    passed('withoutCompiler');
  });

  it('isolatedModules with module node16: ts-jest compiles with its own typescript, so nothing is instrumented', () => {
    passed('isolatedModulesNode16');
  });
});

/**
 * The ts-jest route: jest 29 and 30 + ts-jest 29 with `{ compiler: 'ts-patch/compiler' }` on a project whose
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

/**
 * The two jest majors: 29, and 30 (the devDependency alias `jest30`), whose test environment cleans
 * the global object at each test file's teardown (`testEnvironmentOptions.globalsCleanup`, "soft" by
 * default). Each runs with its own test environment, resolved from its own install.
 */
const jestInstalls = {
  29: { bin: path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'), environment: 'node' },
  30: {
    bin: path.join(repoRoot, 'node_modules', 'jest30', 'bin', 'jest.js'),
    environment: require.resolve('jest-environment-node', { paths: [path.join(repoRoot, 'node_modules', 'jest30')] }),
  },
};

const INSTRUMENTED = ['Greeter.greet src/greeter.ts:3:3 created src/greeter.test.ts:10:20 parked src/greeter.ts:4:5'];

interface Mode {
  /** ts-jest's `compiler` option; undefined = ts-jest's default, plain `typescript`. */
  readonly compiler: string | undefined;
  /** Merged into the fixture's compilerOptions. */
  readonly compilerOptions: Record<string, unknown>;
  readonly expected: readonly string[];
  /** Jest 29 unless given. */
  readonly jest?: keyof typeof jestInstalls;
  /** Jest 30's testEnvironmentOptions.globalsCleanup; its default is "soft". */
  readonly globalsCleanup?: 'soft' | 'on';
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
  // Jest 30 cleans up what a test file set on the global object, the registry included, unless it is
  // marked as protected (src/runtime/globals-cleanup.ts). "soft" wraps its fields, and the runtime's
  // write to one after teardown recursed in jest's setter until the jest process died of a stack
  // overflow (this mode fails without the mark). "on" deletes them; the run must still be instrumented
  // and clean.
  jest30: { compiler: 'ts-patch/compiler', compilerOptions: {}, expected: INSTRUMENTED, jest: 30 },
  jest30CleanupOn: { compiler: 'ts-patch/compiler', compilerOptions: {}, expected: INSTRUMENTED, jest: 30, globalsCleanup: 'on' },
} satisfies Record<string, Mode>;
type ModeName = keyof typeof modes;

/** A copy of the fixture with this mode's tsconfig and jest.config.js (its own jest cache). */
function project(workspace: Workspace, name: ModeName): string {
  const { compiler, compilerOptions, jest, globalsCleanup } = modes[name] as Mode;
  const dir = copyProject(fixture, workspace, name, (tsconfig) => Object.assign(tsconfig['compilerOptions'], compilerOptions));
  const tsJest = compiler === undefined ? "'ts-jest'" : `['ts-jest', { compiler: ${JSON.stringify(compiler)} }]`;
  fs.writeFileSync(path.join(dir, 'jest.config.js'), [
    'module.exports = {',
    `  testEnvironment: ${JSON.stringify(jestInstalls[jest ?? 29].environment)},`,
    ...(globalsCleanup === undefined ? [] : [`  testEnvironmentOptions: { globalsCleanup: '${globalsCleanup}' },`]),
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
      [jestInstalls[(modes[name] as Mode).jest ?? 29].bin, '--ci', '--no-watchman'],
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
  // Jest 30's warning when code touches what its cleanup wrapped ("'clockValid' property was accessed on [Object] after it was soft deleted").
  assert.doesNotMatch(run.stderr, /after it was soft deleted|JEST-01/);
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

  it('jest 30: instrumented, and its globals cleanup leaves the registry alone (default "soft")', () => {
    passed('jest30');
  });

  it('jest 30 with globalsCleanup "on": instrumented, the registry not deleted', () => {
    passed('jest30CleanupOn');
  });
});

/**
 * A real package's own test suite, built with the transform: abort-controller-x@0.5.0 (abortable
 * delay, retry, race, all, spawn, forever, waitForEvent; a pinned devDependency whose npm tarball
 * ships src/ with its *.test.ts) is compiled in one Program with and without the transform, sources
 * and tests alike, and its 53 tests are run on node:test both ways: every test must pass unchanged,
 * with the same results in the same order. Its assertion libraries (`expect`, `defer-promise`) are
 * the versions its package.json asks for, pinned devDependencies too.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as ts from 'typescript';
import { createTransformer } from '../../transform/index';
import { fixturesDir, makeWorkspace, repoRoot, runNode } from './harness';

const packageDir = path.join(repoRoot, 'node_modules', 'abort-controller-x');
const sources = path.join(packageDir, 'src');
const available = fs.existsSync(path.join(sources, 'index.ts')) && packageVersion() === '0.5.0';

function packageVersion(): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The `ok`/`not ok` lines of a TAP report, without durations: what passed, in order. */
function results(tap: string): string[] {
  return tap.split('\n').filter((line) => /^\s*(not )?ok \d+ - /.test(line)).map((line) => line.trim());
}

describe('a real package\'s own tests built with the transform (abort-controller-x@0.5.0)', { skip: available ? false : 'abort-controller-x@0.5.0 is missing: `npm ci` installs it (devDependency)' }, () => {
  const workspace = makeWorkspace('package-tests');
  after(() => workspace.remove());

  it('passes every test unchanged', async () => {
    const files = (fs.readdirSync(sources, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => path.join(sources, f));
    const outDir = path.join(workspace.dir, 'out');
    // Type errors are expected (mocha's globals and defer-promise's types are not installed) and do
    // not matter: the transform needs no type information, and the checker only refines it.
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, esModuleInterop: true,
      skipLibCheck: true, types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules', '@types')],
      rootDir: sources, outDir,
      // Its AbortError test expects stacks to name `src/AbortError.test.ts`, as under ts-node.
      sourceMap: true,
    });
    const emitTo = (dir: string, transformers?: ts.CustomTransformers) => {
      const result = program.emit(undefined, (fileName, text) => {
        const target = path.join(dir, path.relative(outDir, fileName));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text);
      }, undefined, false, transformers);
      assert.equal(result.emitSkipped, false);
    };
    const plain = path.join(workspace.dir, 'plain');
    const instrumented = path.join(workspace.dir, 'instrumented');
    emitTo(plain);
    emitTo(instrumented, { before: [createTransformer({}, program, ts)] });
    const entered = fs.readdirSync(instrumented).filter((f) => f.endsWith('.js'))
      .map((f) => (fs.readFileSync(path.join(instrumented, f), 'utf8').match(/__lw\.enter\(/g) ?? []).length);
    const sum = entered.reduce((a, b) => a + b, 0);
    assert.ok(sum >= 40, `only ${sum} async functions were instrumented`);

    const run = (dir: string) => {
      const tests = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(dir, f));
      const preload = path.join(fixturesDir, 'real-package', 'mocha-globals.cjs');
      return runNode(['--enable-source-maps', '--require', preload, '--test', '--test-reporter=tap', '--test-concurrency=1', ...tests], workspace.dir, {
        // Set by the outer `node --test`: it would make the inner runner report to it instead of stdout.
        NODE_TEST_CONTEXT: undefined,
      });
    };
    const [before, afterRun] = await Promise.all([run(plain), run(instrumented)]);
    assert.equal(before.code, 0, before.stdout + before.stderr);
    assert.match(before.stdout, /^# pass 53$/m);
    assert.match(before.stdout, /^# fail 0$/m);
    assert.equal(afterRun.code, 0, afterRun.stdout + afterRun.stderr);
    assert.deepEqual(results(afterRun.stdout), results(before.stdout));
    assert.match(afterRun.stdout, /^# pass 53$/m);
  });
});

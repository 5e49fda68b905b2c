/**
 * A real async-heavy library built with the transform: the TypeScript sources of the `openai`
 * package (API client: retries, timers, aborts, SSE streaming through async iterators, cursor
 * pagination), compiled with and without the transform in one Program, driven against a local mock
 * API on 127.0.0.1; both builds must print the same. The sources are the pinned tarball that
 * `node bench/build.mjs` caches in bench/.cache/ (tests never download): without it this test skips.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as ts from 'typescript';
import { createTransformer } from '../../transform/index';
import { fixturesDir, formatDiagnostics, makeWorkspace, repoRoot, runNode } from './harness';

// The pinned devDependency (its tarball ships src/), else the tarball the build benchmark cached.
const sources = [
  path.join(repoRoot, 'node_modules', 'openai', 'src'),
  path.join(repoRoot, 'bench', '.cache', 'openai-5.23.2', 'package', 'src'),
].find((dir) => fs.existsSync(path.join(dir, 'index.ts')) && openaiVersion(dir) === '5.23.2') ?? '';
const available = sources !== '';

function openaiVersion(sourcesDir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(sourcesDir, '..', 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
const driver = path.join(fixturesDir, 'real-package', 'openai-driver.cjs');

describe('a real package built with the transform (openai@5.23.2 sources)', { skip: available ? false : 'openai@5.23.2 sources are missing: `npm ci` installs them (devDependency)' }, () => {
  const workspace = makeWorkspace('real-package');
  after(() => workspace.remove());

  it('computes the same with and without the transform', async () => {
    const skipped = ['helpers/zod.ts', 'realtime/ws.ts', 'beta/realtime/ws.ts'].map((f) => path.join(sources, f));
    const files = (fs.readdirSync(sources, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.startsWith(`_vendor${path.sep}zod-to-json-schema`))
      .map((f) => path.join(sources, f))
      .filter((f) => !skipped.includes(f));
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true, skipLibCheck: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: [],
      rootDir: sources, outDir: path.join(workspace.dir, 'out'),
    });
    const emitTo = (dir: string, transformers?: ts.CustomTransformers) => {
      const result = program.emit(undefined, (fileName, text) => {
        const target = path.join(dir, path.relative(path.join(workspace.dir, 'out'), fileName));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text);
      }, undefined, false, transformers);
      assert.equal(result.emitSkipped, false, formatDiagnostics(result.diagnostics));
    };
    const plain = path.join(workspace.dir, 'plain');
    const instrumented = path.join(workspace.dir, 'instrumented');
    emitTo(plain);
    emitTo(instrumented, { before: [createTransformer({}, program, ts)] });
    const client = fs.readFileSync(path.join(instrumented, 'client.js'), 'utf8');
    assert.ok((client.match(/__lw\.enter\(/g) ?? []).length >= 5, 'the client was instrumented');

    const [before, afterRun] = await Promise.all([runNode([driver, plain], workspace.dir), runNode([driver, instrumented], workspace.dir)]);
    assert.equal(before.code, 0, before.stdout + before.stderr);
    assert.match(before.stdout, /^completion echo: hi\nstream Hel\|lo\|!\npages f1,f2,f3\n/);
    assert.equal(afterRun.stdout, before.stdout, afterRun.stderr);
    assert.equal(afterRun.code, before.code);
  });
});

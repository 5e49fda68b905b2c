/**
 * The transform must not change what a program computes: every fixture in fixtures/behaviour is
 * compiled with and without it (one Program per compiler setup, emitted twice), both builds run in
 * child processes, and their stdout and exit codes must be identical.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as ts from 'typescript';
import { createTransformer } from '../../transform/index';
import {
  fixturesDir, formatDiagnostics, makeWorkspace, otherTypeScript, pool, runNode, type RunResult, type Workspace,
} from './harness';

const behaviourDir = path.join(fixturesDir, 'behaviour');
const fixtures = fs.readdirSync(behaviourDir).filter((f) => /\.(ts|js)$/.test(f)).sort();

interface Setup {
  readonly name: string;
  readonly typescript: typeof ts;
  readonly options: ts.CompilerOptions;
  /** Give the transformer the Program (type-aware `created` wrapping) or not. */
  readonly typed: boolean;
  readonly esm: boolean;
}

const base: ts.CompilerOptions = {
  strict: true,
  allowJs: true,
  skipLibCheck: true,
  sourceMap: true,
  lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
  types: ['node'],
  rootDir: behaviourDir,
};

const setups: Setup[] = [
  { name: 'commonjs, ES2022, with types', typescript: ts, typed: true, esm: false,
    options: { ...base, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } },
  // ES2017: async generators, for await and `await using` go through TypeScript's helpers.
  { name: 'commonjs, ES2017, without types', typescript: ts, typed: false, esm: false,
    options: { ...base, target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.CommonJS } },
  // The outputs run as ES modules ("type": "module"), which `moduleDetection: "force"` tells TypeScript
  // of a file with no import or export (plain-javascript.js); the transform leaves a script alone.
  { name: 'ES modules, ES2022, with types', typescript: ts, typed: true, esm: true,
    options: { ...base, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      moduleDetection: ts.ModuleDetectionKind.Force } },
];
// TypeScript 6 (ts-patch 4 needs Node 22.15+, so on Node 20 it is tested through the programmatic route).
const ts6 = otherTypeScript('6');
if (ts6 !== undefined) {
  setups.push({ name: `commonjs, ES2022, with types, TypeScript ${ts6.version}`, typescript: ts6, typed: true, esm: false,
    options: { ...base, target: ts6.ScriptTarget.ES2022, module: ts6.ModuleKind.CommonJS } });
  // Neither target nor module: TypeScript 6's defaults emit ES modules (TypeScript 5's, CommonJS).
  setups.push({ name: `ES modules by default, with types, TypeScript ${ts6.version}`, typescript: ts6, typed: true, esm: true,
    options: { ...base, moduleDetection: ts6.ModuleDetectionKind.Force } });
}

let workspace: Workspace;
before(() => {
  workspace = makeWorkspace('equivalence');
});
after(() => workspace.remove());

function build(setup: Setup, outDir: string): { plain: string; instrumented: string } {
  const ts = setup.typescript;
  const options = { ...setup.options, outDir };
  const program = ts.createProgram(fixtures.map((f) => path.join(behaviourDir, f)), options);
  const errors = ts.getPreEmitDiagnostics(program);
  assert.equal(errors.length, 0, formatDiagnostics(errors));
  const plain = path.join(outDir, 'plain');
  const instrumented = path.join(outDir, 'instrumented');
  const emit = (dir: string, transformers?: ts.CustomTransformers) => {
    const originalOutDir = program.getCompilerOptions().outDir;
    // One Program, two outputs: redirect writes instead of re-creating the Program.
    const result = program.emit(undefined, (fileName, text) => {
      const target = path.join(dir, path.relative(originalOutDir!, fileName));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }, undefined, false, transformers);
    assert.equal(result.diagnostics.length, 0, formatDiagnostics(result.diagnostics));
    if (setup.esm) fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
  };
  emit(plain);
  emit(instrumented, { before: [createTransformer({}, setup.typed ? program : undefined, ts)] });
  return { plain, instrumented };
}

for (const setup of setups) {
  describe(`same behaviour with and without the transform (${setup.name})`, () => {
    let dirs: { plain: string; instrumented: string };
    let runs: Map<string, [RunResult, RunResult]>;

    before(async () => {
      dirs = build(setup, path.join(workspace.dir, setup.name.replace(/\W+/g, '-')));
      const outputs = fixtures.map((f) => f.replace(/\.ts$/, '.js'));
      const results = await pool(outputs.flatMap((js) => [
        () => runNode([path.join(dirs.plain, js)], workspace.dir),
        () => runNode([path.join(dirs.instrumented, js)], workspace.dir),
      ]));
      runs = new Map(outputs.map((js, i) => [js, [results[2 * i]!, results[2 * i + 1]!]]));
    });

    for (const fixture of fixtures) {
      const js = fixture.replace(/\.ts$/, '.js');
      it(fixture, () => {
        const emitted = fs.readFileSync(path.join(dirs.instrumented, js), 'utf8');
        assert.ok(/__lw\w*\.enter\(__lwSites\w* \+ \d+\)/.test(emitted), 'the fixture was not instrumented');
        const [plain, instrumented] = runs.get(js)!;
        assert.notEqual(plain.stdout, '', `the plain build printed nothing:\n${plain.stderr}`);
        assert.equal(instrumented.stdout, plain.stdout, `stdout differs; instrumented stderr:\n${instrumented.stderr}`);
        assert.equal(instrumented.code, plain.code, `exit code differs; instrumented stderr:\n${instrumented.stderr}`);
      });
    }
  });
}

it('also ran under TypeScript 6', (t) => {
  if (ts6 === undefined) t.skip('no TypeScript 6 found: set LOOPWATCH_TYPESCRIPT6 to its folder (see docs/transform.md)');
});

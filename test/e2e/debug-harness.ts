/**
 * For the debug-tier e2e tests: compiles fixture programs with the real transform
 * (createTransformer + ts.transpileModule) into .tmp/, and runs them as child processes. The output
 * requires `loopwatch/runtime`, which resolves (package self-reference) to the built dist/.
 */
import { runNode } from '../support/run-node';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { createTransformer } from '../../transform/index';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const fixtureDir = 'test/e2e/fixtures/debug';
const outDir = join(root, '.tmp', 'debug-e2e');

export function assertBuilt(): void {
  if (!existsSync(join(root, 'dist/src/runtime/debug/enable.js'))) {
    throw new Error('dist/ is missing the debug tier: run `npm run build` (npm test does) first');
  }
}

export interface CompileOptions {
  /** ES module output (`.mjs`) instead of CommonJS. */
  esm?: boolean;
  /** An inline source map (what a build with `inlineSourceMap` has). */
  sourceMap?: boolean;
}

/**
 * Compiles a fixture with the transform into .tmp/debug-e2e/ (outDir, with the fixture folder as
 * rootDir, as a build would say where its output goes); returns the path of the .js to run.
 */
export function compileFixture(name: string, { esm = false, sourceMap = false }: CompileOptions = {}): string {
  const file = `${fixtureDir}/${name}.ts`;
  const output = ts.transpileModule(readFileSync(join(root, file), 'utf8'), {
    // Absolute, as a Program has it: the source map's `sources` is then relative to outDir.
    fileName: join(root, file),
    compilerOptions: {
      module: esm ? ts.ModuleKind.ES2022 : ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true,
      // The .mjs output runs as an ES module: say so of the fixtures that import nothing (else they are scripts, left alone).
      moduleDetection: esm ? ts.ModuleDetectionKind.Force : undefined,
      rootDir: join(root, fixtureDir), outDir, inlineSourceMap: sourceMap,
    },
    transformers: { before: [createTransformer()] },
  }).outputText;
  if (!output.includes('__lw.enter(')) throw new Error(`${file}: the transform did not instrument it`);
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, `${name}${esm ? '.mjs' : '.js'}`);
  writeFileSync(target, output);
  return target;
}

/** `file:line:` of the line carrying `// @mark:<mark>` in a fixture (what reports must name). */
export function markedLine(name: string, mark: string): string {
  const file = `${fixtureDir}/${name}.ts`;
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(`@mark:${mark}`));
  if (index < 0) throw new Error(`${file}: no @mark:${mark}`);
  return `${file}:${index + 1}:`;
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export async function runFixture(script: string, env: Record<string, string> = {}, nodeArgs: string[] = [], cwd = root): Promise<Run> {
  const { code, signal, stdout, stderr } = await runNode([...nodeArgs, script], cwd, {
    NODE_OPTIONS: '', FORCE_COLOR: '0', LOOPWATCH_DEBUG: '1', ...env,
  });
  return { status: code, signal, stdout, stderr };
}

/** The JSON reports in a stream of JSON lines (other lines are ignored). */
export function jsonReports(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Shared helpers for the transform tests: compile with and without the transform, a throwaway
 * workspace that resolves `loopwatch/transform` and `loopwatch/runtime` like an installed package,
 * and a small pool of child node processes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { createTransformer, type TransformOptions } from '../../transform/index';

export const repoRoot = path.resolve(__dirname, '../..');
export const fixturesDir = path.join(__dirname, 'fixtures');

/** Instrument a snippet through `ts.transpileModule` (no Program, no types). */
export function transpile(
  source: string,
  options: TransformOptions = {},
  compilerOptions: ts.CompilerOptions = {},
  fileName = 'src/example.ts',
): string {
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, ...compilerOptions },
    transformers: { before: [createTransformer(options, undefined, ts)] },
  }).outputText;
}

/** The site table a module registers, decoded: `[kind, line, column, name]` per local id. */
export function siteTable(output: string): { file: string; sites: [number, number, number, string | null][] } {
  const match = /__lw\w*\.registerSites\(("[^"]*"), (\[[^\]]*\]), (\[.*\])(?:, "[^"]*", (?:typeof __filename === "string" \? __filename : void 0|import\.meta\.url))?\);$/m.exec(output);
  if (match === null) throw new Error(`no site table in:\n${output}`);
  const flat = JSON.parse(match[2]!) as number[];
  const names = JSON.parse(match[3]!) as string[];
  const sites: [number, number, number, string | null][] = [];
  for (let i = 0; i < flat.length; i += 4) {
    sites.push([flat[i]!, flat[i + 1]!, flat[i + 2]!, flat[i + 3]! < 0 ? null : names[flat[i + 3]!]!]);
  }
  return { file: JSON.parse(match[1]!) as string, sites };
}

export interface Workspace {
  readonly dir: string;
  remove(): void;
}

const transpileOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
};

/**
 * A folder under .tmp/ (gitignored) with its own package.json and `node_modules/loopwatch`: the
 * transform freshly compiled from transform/*.ts (never a stale dist), `dist/src` linked to the
 * repository's built dist/src so `loopwatch/runtime` is the real runtime (`npm test` builds it first).
 */
export function makeWorkspace(name: string): Workspace {
  const dir = path.join(repoRoot, '.tmp', `transform-${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const pkg = path.join(dir, 'node_modules', 'loopwatch');
  fs.mkdirSync(path.join(pkg, 'dist', 'transform'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `workspace-${name}`, private: true }));
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: manifest['name'], exports: manifest['exports'] }));
  for (const file of fs.readdirSync(path.join(repoRoot, 'transform')).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(repoRoot, 'transform', file), 'utf8');
    const { outputText } = ts.transpileModule(source, { fileName: file, compilerOptions: transpileOptions });
    fs.writeFileSync(path.join(pkg, 'dist', 'transform', file.replace(/\.ts$/, '.js')), outputText);
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'src', 'runtime', 'index.js'))) {
    throw new Error('dist/src/runtime/index.js is missing: run `npm run build` (npm test does) before the transform tests');
  }
  fs.symlinkSync(path.join(repoRoot, 'dist', 'src'), path.join(pkg, 'dist', 'src'), 'dir');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

import type { RunResult } from '../support/run-node';
export { COMPILING_CHILD_TIMEOUT_MS, runNode, type RunResult } from '../support/run-node';

/** A copy of the project `fixture` at `workspace/name`, its tsconfig.json changed by `edit` (in place). */
export function copyProject(fixture: string, workspace: Workspace, name: string, edit: (tsconfig: Record<string, any>) => void): string {
  const dir = path.join(workspace.dir, name);
  fs.cpSync(fixture, dir, { recursive: true });
  const tsconfigPath = path.join(dir, 'tsconfig.json');
  const tsconfig = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8')) as Record<string, any>;
  edit(tsconfig);
  fs.writeFileSync(tsconfigPath, JSON.stringify(tsconfig, null, 2));
  return dir;
}

/**
 * What the tool-route fixtures print: after `skip` leading lines, the tasks line, the printTasks() table
 * with its age column (timing) cut off, and the program's result as the last line. Asserts a clean exit.
 */
export function tasksOutput(run: RunResult, skip = 0): { lines: string[]; tasks: string; table: string[]; result: string } {
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  return {
    lines,
    tasks: lines[skip]!,
    table: lines.slice(skip + 1, -1).map((line) => line.replace(/\s+(age|\d+(\.\d+)?m?s)$/, '')),
    result: lines.at(-1)!,
  };
}

export { pool } from '../../bench/lib/pool.mjs';

/**
 * Another TypeScript major for the programmatic route, if installed outside the repository's
 * dependencies: \`LOOPWATCH_TYPESCRIPT<major>\` (a folder containing the typescript package), else
 * .tmp/ts<major>/node_modules/typescript. Tests never download it.
 */
export function otherTypeScript(major: string): typeof ts | undefined {
  const candidates = [
    process.env[`LOOPWATCH_TYPESCRIPT${major}`],
    // The devDependency alias `typescript6` (npm:typescript@6.x), so a fresh `npm ci` tests it too.
    path.join(repoRoot, 'node_modules', `typescript${major}`),
    path.join(repoRoot, '.tmp', `ts${major}`, 'node_modules', 'typescript'),
  ];
  for (const candidate of candidates) {
    if (candidate === undefined || !fs.existsSync(path.join(candidate, 'package.json'))) continue;
    const typescript = require(candidate) as typeof ts;
    if (typescript.version.startsWith(`${major}.`)) return typescript;
  }
  return undefined;
}

export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => repoRoot,
    getNewLine: () => '\n',
  });
}

/**
 * Compiles in-memory files (paths relative to a virtual folder inside the repository, so that
 * node_modules/@types resolve) as one Program with the transform given that Program.
 * Returns the emitted JavaScript by output path relative to that folder. `compiler` is the TypeScript
 * that builds it (another major from `otherTypeScript`); an option given as `undefined` is left unset.
 */
export function emitProgram(
  files: Record<string, string>,
  compilerOptions: ts.CompilerOptions = {},
  options: TransformOptions = {},
  typed: boolean | ((program: ts.Program) => ts.Program) = true,
  compiler: typeof ts = ts,
): Record<string, string> {
  const root = path.join(repoRoot, '.tmp', 'virtual');
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(root, name), text]));
  const settings: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, types: [], lib: ['lib.es2023.d.ts'],
    outDir: path.join(root, 'out'), rootDir: root, skipLibCheck: true,
    // As if read from <root>/tsconfig.json: site paths are relative to the tsconfig's folder.
    configFilePath: path.join(root, 'tsconfig.json'), ...compilerOptions,
  };
  const host = compiler.createCompilerHost(settings);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = virtual.get(path.resolve(fileName));
    return text === undefined
      ? getSourceFile.call(host, fileName, languageVersion, ...rest)
      : compiler.createSourceFile(fileName, text, languageVersion, true);
  };
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(path.resolve(fileName)) ?? readFile.call(host, fileName);
  const outputs: Record<string, string> = {};
  host.writeFile = (fileName, text) => {
    outputs[path.relative(path.join(root, 'out'), fileName).split(path.sep).join('/')] = text;
  };
  const roots = [...virtual.keys()].filter((f) => /\.[cm]?[jt]sx?$/.test(f));
  const program = compiler.createProgram(roots, settings, host);
  const errors = compiler.getPreEmitDiagnostics(program);
  if (errors.length > 0) throw new Error(formatDiagnostics(errors));
  // `typed` as a function: the Program the transform is given, made from this one (say, one that counts queries).
  const given = typeof typed === 'function' ? typed(program) : typed ? program : undefined;
  program.emit(undefined, undefined, undefined, false, { before: [createTransformer(options, given, compiler)] });
  return outputs;
}

/**
 * How much work the transform does, observed without timing (docs/benchmarks.md, "Build overhead"):
 * which nodes it rebuilds with `visitEachChild`, and what it asks the type checker.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { createTransformer } from '../../transform/index';
import { repoRoot } from './harness';

const syncOnly = [
  'export class Counter {',
  '  private n = 0;',
  '  add(by: number): number { this.n += by; return this.n; }',
  '  get value(): number { return Math.max(0, this.n); }',
  '}',
  'export function total(values: readonly number[]): number {',
  '  let sum = 0;',
  '  for (const v of values) sum += Math.abs(v);',
  '  return [1, 2, 3].map((x) => x * 2).reduce((a, b) => a + b, sum);',
  '}',
  'export const label = (s: string): string => s.trim().toUpperCase();',
].join('\n');

const mixed = [
  syncOnly,
  'declare function fetchText(url: string): Promise<string>;',
  'export const ready = fetchText("a");',
  'export async function load(url: string): Promise<number> {',
  '  const text = await fetchText(url);',
  '  const again = await fetchText(url + "?again");',
  '  return label(text).length + again.length + total([1, 2]);',
  '}',
].join('\n');

interface Counts {
  visitEachChild: number;
  getTypeAtLocation: number;
  getAwaitedType: number;
}

/** Type-checks the files as one Program, then runs the transform on `name` with counting wrappers. */
function transformCounted(files: Record<string, string>, name: string): { counts: Counts; original: ts.SourceFile; result: ts.SourceFile } {
  const root = path.join(repoRoot, '.tmp', 'structure');
  const paths = new Map(Object.entries(files).map(([file, text]) => [path.join(root, file), text]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, types: [], lib: ['lib.es2023.d.ts'], noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile } = host;
  host.getSourceFile = (fileName, version, ...rest) => {
    const text = paths.get(path.resolve(fileName));
    return text === undefined ? getSourceFile.call(host, fileName, version, ...rest) : ts.createSourceFile(fileName, text, version, true);
  };
  const program = ts.createProgram([...paths.keys()], options, host);
  assert.deepEqual(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);

  const counts: Counts = { visitEachChild: 0, getTypeAtLocation: 0, getAwaitedType: 0 };
  const checker = program.getTypeChecker();
  const countedChecker = Object.create(checker, {
    getTypeAtLocation: { value: (node: ts.Node) => (counts.getTypeAtLocation++, checker.getTypeAtLocation(node)) },
    getAwaitedType: { value: (type: ts.Type) => (counts.getAwaitedType++, checker.getAwaitedType(type)) },
  }) as ts.TypeChecker;
  const countedProgram = Object.create(program, { getTypeChecker: { value: () => countedChecker } }) as ts.Program;
  const countedTs = {
    ...ts,
    visitEachChild: ((...args: Parameters<typeof ts.visitEachChild>) => {
      counts.visitEachChild++;
      return ts.visitEachChild(...args);
    }) as typeof ts.visitEachChild,
  } as typeof ts;

  const original = program.getSourceFile(path.join(root, name))!;
  const { transformed } = ts.transform(original, [createTransformer({}, countedProgram, countedTs)], program.getCompilerOptions());
  return { counts, original, result: transformed[0]! };
}

function printed(file: ts.SourceFile): string {
  return ts.createPrinter().printFile(file);
}

describe('transform structure', () => {
  it('returns a typed file without async functions or promise calls as the same SourceFile, rebuilding no node', () => {
    const { counts, original, result } = transformCounted({ 'sync.ts': syncOnly }, 'sync.ts');
    assert.equal(result, original);
    assert.equal(counts.visitEachChild, 0);
  });

  it('rebuilds only the way to the async function and the promise call, not the synchronous code beside them', () => {
    const { counts, original, result } = transformCounted({ 'mixed.ts': mixed }, 'mixed.ts');
    const output = printed(result);
    assert.match(output, /const __lwTask = __lw\.enter\(__lwSites \+ \d+\)/);
    assert.match(output, /export const ready = __lw\.created\(__lwSites \+ \d+, fetchText\("a"\)\)/);
    // The synchronous class and functions above them are left as they are, node for node.
    for (const statement of original.statements.slice(0, 3)) assert.ok(result.statements.includes(statement));
    let asyncNodes = 0;
    const count = (node: ts.Node): void => {
      asyncNodes++;
      ts.forEachChild(node, count);
    };
    count(original.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === 'load')!);
    // Each node of the async function at most once, plus the few statements on the way to `ready`.
    assert.ok(counts.visitEachChild <= asyncNodes + 5, `visitEachChild ran ${counts.visitEachChild} times for ${asyncNodes} async nodes`);
  });

  it('takes a call\'s type from its resolved signature and asks once per type whether it is awaitable', () => {
    const { counts, result } = transformCounted({ 'mixed.ts': mixed }, 'mixed.ts');
    // Awaited directly: the call is recorded by the park (its site follows the await's, kind 13).
    assert.match(printed(result), /await \(__lwTask\.parkedAt = __lwSites \+ \d+, __lw\.awaiting\(__lwTask, fetchText\(url\)\)\)/);
    assert.match(printed(result), /registerSites\([^\]]*13, 15, 16, -3, 7, 15, 22, -1/);
    assert.equal(counts.getTypeAtLocation, 0);
    // Of eleven calls, three return Promise<string>; number[] has no `then`, the others are primitives.
    assert.equal(counts.getAwaitedType, 1);
  });

  it('still asks the checker about thenables, unions with them and generic results, and wraps exactly those', () => {
    const source = [
      'interface Thenable { then(onfulfilled: (value: number) => void): void }',
      'interface Plain { value: number }',
      'declare function thenable(): Thenable;',
      'declare function plain(): Plain;',
      'declare function maybe(): Plain | Thenable | undefined;',
      'export function generic<T>(make: () => T): T { return make(); }',
      'export const values = [thenable(), plain(), maybe()];',
    ].join('\n');
    const { counts, result } = transformCounted({ 'thenables.ts': source }, 'thenables.ts');
    const output = printed(result);
    assert.match(output, /return __lw\.created\(__lwSites \+ \d+, make\(\)\);/);
    assert.match(output, /\[__lw\.created\(__lwSites \+ \d+, thenable\(\)\), plain\(\), __lw\.created\(__lwSites \+ \d+, maybe\(\)\)\]/);
    // T, Thenable and the union: Plain alone is ruled out by its members.
    assert.equal(counts.getAwaitedType, 3);
  });
});

/**
 * Build-time work of the transform, counted rather than timed (docs/benchmarks.md, "Build overhead"):
 * how often it reads the compiler module's members, and how many nodes its walks enter.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { createTransformer } from '../../transform/index';
import { emitProgram } from './harness';

/** The compiler module behind a proxy that counts member reads, with `forEachChild` counting its calls. */
function countingCompiler(): { tsi: typeof ts; reads: Map<string, number>; forEachChildCalls: () => number } {
  const reads = new Map<string, number>();
  let calls = 0;
  const forEachChild = ((...args: Parameters<typeof ts.forEachChild>) => {
    calls++;
    return ts.forEachChild(...args);
  }) as typeof ts.forEachChild;
  const tsi = new Proxy(ts, {
    get(target, key) {
      if (typeof key === 'string') reads.set(key, (reads.get(key) ?? 0) + 1);
      return key === 'forEachChild' ? forEachChild : (target as Record<string | symbol, unknown>)[key];
    },
  });
  return { tsi, reads, forEachChildCalls: () => calls };
}

function transformText(tsi: typeof ts, fileName: string, text: string): string {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };
  const { transformed } = ts.transform(sourceFile, [createTransformer({}, undefined, tsi)], options);
  return ts.createPrinter().printFile(transformed[0]!);
}

/** Nodes a walk that stops at tokens enters (identifiers, keywords, literals and punctuation are tokens). */
function nonTokenNodes(text: string): number {
  let count = 0;
  const walk = (node: ts.Node): void => {
    if (node.kind <= ts.SyntaxKind.LastToken) return;
    count++;
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(ts.createSourceFile('count.ts', text, ts.ScriptTarget.ES2022, true), walk);
  return count;
}

const everyConstruct = [
  'import { readFile } from "node:fs/promises";',
  'export async function load(paths: string[]): Promise<number> {',
  '  let total = 0;',
  '  for (const p of paths) {',
  '    try { total += (await readFile(p)).length; } catch { return -1; } finally { total += 0; }',
  '  }',
  '  for await (const chunk of stream()) total += chunk;',
  '  return total;',
  '}',
  'async function* stream(): AsyncGenerator<number> { yield 1; yield await Promise.resolve(2); }',
  'class Store { async get(key: string) { return key.length ? await load([key]) : 0; } }',
  'export const store = new Store();',
  'export const later = async () => { const n = await store.get("k"); return n; };',
  'load([]).then(() => later());',
].join('\n');

describe('transform build cost', () => {
  it('reads each compiler member at most once per transformer, however many files and nodes it transforms', () => {
    const { tsi, reads } = countingCompiler();
    const transformer = createTransformer({}, undefined, tsi);
    const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };
    const files = ['a.ts', 'b.ts', 'c.ts'].map((name) => ts.createSourceFile(name, everyConstruct, ts.ScriptTarget.ES2022, true));
    const { transformed } = ts.transform(files, [transformer], options);
    for (const file of transformed) assert.match(ts.createPrinter().printFile(file), /__lw\.enter\(/);
    const repeated = [...reads].filter(([, count]) => count > 1);
    assert.deepEqual(repeated, [], 'members read more than once: bind them in transform/compiler.ts');
  });

  it('walks an async function without try…finally, for…of or using once, not again to decide where it exits', () => {
    const statements = Array.from({ length: 200 }, (_, i) => `  const v${i} = Math.max(${i}, n) + [${i}].length;`);
    const text = ['export async function big(n: number): Promise<number> {', ...statements, '  return await Promise.resolve(n);', '}'].join('\n');
    const { tsi, forEachChildCalls } = countingCompiler();
    assert.match(transformText(tsi, 'big.ts', text), /return __lw\.returned\(/);
    const nodes = nonTokenNodes(text);
    // One forEachChild per node entered by the marking walk, and a few for the await's operand.
    assert.ok(forEachChildCalls() < nodes * 1.2, `forEachChild ran ${forEachChildCalls()} times for ${nodes} nodes`);
  });

  it('still finds the return inside try…finally, for…of and after using that must not exit where it returns', () => {
    const { tsi } = countingCompiler();
    const cases = [
      'export async function f(a: number[]) { try { return a[0]; } finally { a.pop(); } }',
      'export async function f(a: number[]) { for (const x of a) { return x; } return 0; }',
      'export async function f(a: Disposable) { using d = a; return 1; }',
    ];
    for (const text of cases) {
      const output = transformText(tsi, 'cleanup.ts', text);
      assert.doesNotMatch(output, /__lw\.returned\(/, output);
      assert.match(output, /finally \{\s*__lw\.exit\(__lwTask\);/, output);
    }
    // A try…finally in a nested function is that function's own: the outer one still exits at its return.
    const nested = transformText(tsi, 'nested.ts', 'export async function f() { const g = () => { try { return 1; } finally { } }; return g(); }');
    assert.match(nested, /return __lw\.returned\(/, nested);
  });

  it('asks the checker once per generic class or interface, not once per instantiation, whether a call\'s type is awaitable', () => {
    const queries = new Map<string, number>();
    const counting = (program: ts.Program): ts.Program => {
      const checker = program.getTypeChecker();
      const counted = new Proxy(checker, {
        get(target, key: keyof ts.TypeChecker) {
          const member = target[key];
          if (key !== 'getAwaitedType' && key !== 'getPropertyOfType') return member;
          return (...args: unknown[]) => {
            queries.set(key, (queries.get(key) ?? 0) + 1);
            return (member as (...a: unknown[]) => unknown)(...args);
          };
        },
      });
      return new Proxy(program, { get: (target, key: keyof ts.Program) => (key === 'getTypeChecker' ? () => counted : target[key]) });
    };
    const values = ['0', '"a"', 'true', '[1]', '{ a: 1 }', 'new Date()'];
    const source = [
      'declare function fetchOf<T>(value: T): Promise<T>;',
      'declare function listOf<T>(value: T): T[];',
      ...values.map((v) => `fetchOf(${v});`),
      ...values.map((v) => `listOf(${v});`),
    ].join('\n');
    const output = emitProgram({ 'src/many.ts': source }, {}, {}, counting)['src/many.js']!;
    assert.equal(output.match(/__lw\.created\(__lwSites \+ \d+, fetchOf\(/g)?.length, values.length, output);
    assert.doesNotMatch(output, /created\([^;]*listOf/, output);
    // Promise: is there a `then`, and what does it unwrap to; Array: is there a `then`. Once each, not six times.
    assert.deepEqual(Object.fromEntries(queries), { getAwaitedType: 1, getPropertyOfType: 2 });
  });
});

/**
 * The emitted code, as text, for small inputs: the shape of docs/internals.md, readable, and
 * nothing emitted where nothing is async.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { emittedNames } from '../../transform/hook-calls';
import { createTransformer } from '../../transform/index';
import { emitProgram, otherTypeScript, siteTable, transpile } from './harness';

const plain = (source: string, compilerOptions: ts.CompilerOptions = {}, fileName = 'src/example.ts') =>
  ts.transpileModule(source, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, ...compilerOptions },
  }).outputText;

describe('emitted code', () => {
  it('wraps an async function in enter/try/catch-rethrow-exit, exits where it returns, each await in park/resume (the site stored into the task, then suspend), calls in created (folded into the park of an `await f()`)', () => {
    const output = transpile(`export async function handleUpload(req: Request) {
  const body = await readBody(req);
  try {
    await save(body);
  } catch (e) {
    log(e);
  }
  return body;
}
declare function readBody(r: unknown): Promise<string>;
declare function save(x: unknown): Promise<void>;
declare function log(x: unknown): void;
`, {}, {}, 'src/api.ts');
    assert.equal(output, `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.handleUpload = handleUpload;
var __lw = require("loopwatch/runtime").hooks;
var __lwSites = __lw.registerSites("src/api.ts", [0, 1, 1, 0, 13, 2, 16, -2, 7, 2, 22, -1, 13, 4, 5, -2, 7, 4, 11, -1, 11, 6, 5, -1], ["handleUpload"], "api.ts", typeof __filename === "string" ? __filename : void 0);
async function handleUpload(req) {
    const __lwTask = __lw.enter(__lwSites + 0);
    try {
        const body = await (__lwTask.parkedAt = __lwSites + 1, __lw.awaiting(__lwTask, readBody(req)));
        __lw.awaited(__lwTask);
        try {
            await (__lwTask.parkedAt = __lwSites + 3, __lw.awaiting(__lwTask, save(body))), __lw.awaited(__lwTask);
        }
        catch (e) {
            __lw.resume(__lwTask, void 0);
            __lw.created(__lwSites + 5, log(e), __lwTask);
        }
        return __lw.returned(body, __lwTask);
    }
    catch (__lwError) {
        __lwTask.thrown = __lwError;
        throw __lwError;
    }
}
`);
  });

  it('imports the hooks in ES module output, after the directives, and turns a concise arrow body into a block', () => {
    const output = transpile(`"use strict";
export const double = async (x: number) => x * 2;
`, {}, { module: ts.ModuleKind.ESNext }, 'src/double.ts');
    assert.equal(output, `"use strict";
import { hooks as __lw } from "loopwatch/runtime";
var __lwSites = __lw.registerSites("src/double.ts", [0, 2, 23, 0], ["double"], "double.ts", import.meta.url);
export const double = async (x) => {
    const __lwTask = __lw.enter(__lwSites + 0);
    try {
        return __lw.returned(x * 2, __lwTask);
    }
    catch (__lwError) {
        __lwTask.thrown = __lwError;
        throw __lwError;
    }
};
`);
  });

  it('keeps the outer finally where something runs after a return: try/finally, for…of, using, async generators', () => {
    const finallyForm = /catch \(__lwError\) \{\n\s+__lw\.threw\(__lwTask, __lwError\);\n\s+throw __lwError;\n\s+\}\n\s+finally \{\n\s+__lw\.exit\(__lwTask\);/;
    const withFinally = (source: string, target = ts.ScriptTarget.ES2022) => {
      const output = transpile(source, { trackCalls: false }, { target });
      assert.match(output, finallyForm, source);
      assert.doesNotMatch(output, /returned\(/, source);
    };
    withFinally('async function f(x: number) { try { return x; } finally { await x; } }');
    withFinally('async function f(x: number) { try { await x; } catch { return 1; } finally { log(); } }\ndeclare function log(): void;');
    withFinally('async function f(xs: number[]) { for (const x of xs) { if (x) return x; } return 0; }');
    withFinally('async function f(xs: AsyncIterable<number>) { for await (const x of xs) return x; }');
    withFinally('async function f(r: Disposable) { using a = r; await 1; return a; }', ts.ScriptTarget.ESNext);
    withFinally('async function* g() { yield 1; return 2; }');
    // A return after such a statement, in the finally block itself, or in a nested function is fine.
    const exits = transpile(`async function f(xs: number[]) {
  try { await 1; } finally { if (xs.length) return 1; }
  for (const x of xs) use(async () => { return x; });
  if (xs.length > 2) return;
  return 2;
}
declare function use(f: () => Promise<number>): void;
`, { trackCalls: false });
    assert.doesNotMatch(exits, /finally \{\n\s+__lw\.exit/);
    assert.match(exits, /finally \{\n\s+__lw\.resume\(__lwTask, void 0\);\n\s+if \(xs\.length\)\n\s+return __lw\.returned\(1, __lwTask\);/);
    assert.match(exits, /return __lw\.returned\(x, __lwTask\);/, 'the nested async arrow exits its own task');
    assert.match(exits, /return void __lw\.exit\(__lwTask\);\n\s+return __lw\.returned\(2, __lwTask\);\n\s+\}\n\s+catch/);
  });

  it('keeps function directives first', () => {
    const output = transpile(`async function f() {\n  'use strict';\n  await 1;\n}\n`);
    assert.match(output, /async function f\(\) \{\n {4}'use strict';\n {4}const __lwTask = __lw\.enter\(__lwSites \+ 0\);/);
  });

  it('emits nothing for code without async functions: sync functions, accessors, sync generators', () => {
    const source = `export function f(x: number) { return x + 1; }
export class A { get v() { return 1; } set v(_: number) {} *gen() { yield 1; } }
export const g = () => Promise.resolve(f(1));
`;
    assert.equal(transpile(source), plain(source));
  });

  it('leaves overload signatures, declare and abstract members, and declaration files alone', () => {
    const source = `export async function o(x: number): Promise<number>;
export async function o(x: string): Promise<string>;
export async function o(x: unknown) { return x; }
declare function d(): Promise<void>;
export abstract class R { abstract load(): Promise<void>; declare x: number; }
`;
    const output = transpile(source);
    assert.equal(output.match(/__lw\.enter/g)?.length, 1);
    assert.match(output, /\["o"\]/);
    const declaration = ts.createSourceFile('x.d.ts', 'export declare function f(): Promise<void>;', ts.ScriptTarget.ES2022);
    const result = ts.transform(declaration, [createTransformer({}, undefined, ts)]);
    assert.equal(result.transformed[0], declaration);
  });

  it('resumes in a statement of its own after `await x;` and `const v = await x;`, nested where a value flows on', () => {
    const output = transpile(`async function f(x: number) {
  (await x);
  switch (x) { case 1: let v = await x; }
  const { w } = await x, u = 1;
  if (x) var z = await x;
  return [await x, u, v, w, z];
}
`, { trackCalls: false });
    assert.match(output, /\(await \(__lwTask\.parkedAt = __lwSites \+ 1, __lw\.awaiting\(__lwTask, x\)\), __lw\.awaited\(__lwTask\)\);/);
    assert.match(output, /case 1:\s+let v = await \(__lwTask\.parkedAt = __lwSites \+ 2, __lw\.awaiting\(__lwTask, x\)\);\n\s+__lw\.awaited\(__lwTask\);/);
    // Destructuring runs getters, a second declaration runs code: both must see the task resumed.
    assert.match(output, /const \{ w \} = __lw\.awaited\(__lwTask, await \(__lwTask\.parkedAt = __lwSites \+ 3, __lw\.awaiting\(__lwTask, x\)\)\), u = 1;/);
    // Not a statement list: the declaration cannot be followed by a statement of its own.
    assert.match(output, /if \(x\)\s+var z = __lw\.awaited\(__lwTask, await \(__lwTask\.parkedAt = __lwSites \+ 4, __lw\.awaiting\(__lwTask, x\)\)\);/);
    assert.match(output, /return __lw\.returned\(\[__lw\.awaited\(__lwTask, await \(__lwTask\.parkedAt = __lwSites \+ 5, __lw\.awaiting\(__lwTask, x\)\)\), u, v, w, z\], __lwTask\);/);
  });

  it('parks and resumes yields of async generators, but not of sync generators', () => {
    const output = transpile(`async function* a() { yield 1; yield* b(); }\nfunction* b() { yield 2; }\n`, { trackCalls: false });
    assert.match(output, /__lw\.resume\(__lwTask, yield \(__lwTask\.parkedAt = __lwSites \+ 1, __lw\.suspend\(__lwTask, 1\)\)\);/);
    assert.match(output, /__lw\.resume\(__lwTask, yield\* \(__lwTask\.parkedAt = __lwSites \+ 2, __lw\.suspend\(__lwTask, b\(\)\)\)\);/);
    assert.match(output, /function\* b\(\) \{ yield 2; \}/);
  });

  it('stores the site into the task before the operand runs, and passes it to park where the operand itself awaits or yields', () => {
    const output = transpile(`async function f(x: Promise<number>) {
  const a = await g(await x);
  await run(async () => { await x; });
  return a;
}
async function* h(x: Promise<number>) { yield await x; }
declare function g(n: number): Promise<number>;
declare function run(f: () => Promise<void>): Promise<void>;
`, { trackCalls: false });
    // The inner await would overwrite a site stored before the operand ran.
    assert.match(output, /const a = await __lw\.park\(__lwTask, __lwSites \+ 1, g\(__lw\.awaited\(__lwTask, await \(__lwTask\.parkedAt = __lwSites \+ 2, __lw\.awaiting\(__lwTask, x\)\)\)\)\);/);
    // An await inside a nested function belongs to that function's task.
    assert.match(output, /await \(__lwTask\.parkedAt = __lwSites \+ 3, __lw\.awaiting\(__lwTask, run\(async \(\) => \{/);
    assert.match(output, /yield __lw\.park\(__lwTask, __lwSites \+ 7, __lw\.awaited\(__lwTask, await \(__lwTask\.parkedAt = __lwSites \+ 8, /);
    // ES modules: `__lwSites` is a `var` that an import cycle can read before it is set.
    const esm = transpile('export async function f(x: number) { await x; }', {}, { module: ts.ModuleKind.ESNext });
    assert.match(esm, /await \(__lwTask\.parkedAt = __lwSites \+ 1 \| 0, __lw\.awaiting\(__lwTask, x\)\), __lw\.awaited\(__lwTask\);/);
  });

  it('parks a for-await loop on its iterable and each next value, resuming in the body and after the loop', () => {
    const output = transpile(`async function f(xs: AsyncIterable<number>) {\n  for await (const x of xs) use(x);\n  done();\n}\ndeclare function use(x: number): void;\ndeclare function done(): void;\n`, { trackCalls: false });
    assert.match(output, /for await \(const x of __lw\.forAwait\(__lwTask, \(__lwTask\.parkedAt = __lwSites \+ 1, __lw\.suspend\(__lwTask, xs\)\)\)\) \{\n\s+__lw\.resume\(__lwTask, void 0\);\n\s+use\(x\);\n\s+__lwTask\.parkedAt = __lwSites \+ 1, __lw\.suspend\(__lwTask, void 0\);\n\s+\}\n\s+__lw\.resume\(__lwTask, void 0\);\n\s+done\(\);/);
  });

  it('registers the call a for-await iterates as the loop\'s next site, and leaves it bare', () => {
    const output = transpile(`async function f() {\n  for await (const x of (pages(1))) use(x);\n  for await (const y of list) use(y);\n}\ndeclare function pages(n: number): AsyncGenerator<number>;\ndeclare const list: AsyncIterable<number>;\ndeclare function use(x: number): void;\n`);
    assert.match(output, /for await \(const x of __lw\.forAwait\(__lwTask, \(__lwTask\.parkedAt = __lwSites \+ 1, __lw\.suspend\(__lwTask, \(pages\(1\)\)\)\)\)\)/);
    // [kind, line, column, name]: the loop (14, then the call as kind 7), a loop over no call (4).
    assert.match(output, /registerSites\("src\/example\.ts", \[0, 1, 1, 0, 14, 2, 3, -2, 7, 2, 26, -1, (?:\d+, \d+, \d+, -?\d+, )*4, 3, 3, -2/);
    const untracked = transpile(`async function f() { for await (const x of pages()) use(x); }\ndeclare function pages(): AsyncGenerator<number>;\ndeclare function use(x: number): void;\n`, { trackCalls: false });
    assert.match(untracked, /registerSites\("src\/example\.ts", \[0, 1, 1, 0, 4, 1, 22, -2\]/);
  });

  it('enters an async generator through enterGenerator, any other async function through enter', () => {
    const output = transpile(`async function* g() { yield 1; }\nasync function f() {}\nconst h = async function* () {};\n`);
    assert.match(output, /function\* g\(\) \{\n\s+const __lwTask = __lw\.enterGenerator\(__lwSites \+ 0\);/);
    assert.match(output, /function f\(\) \{\n\s+const __lwTask = __lw\.enter\(__lwSites \+ 2\);/);
    assert.match(output, /function\* \(\) \{\n\s+const __lwTask = __lw\.enterGenerator\(__lwSites \+ 3\);/);
  });

  it('parks before `await using` disposal and resumes after the block', () => {
    const output = transpile(`async function f(r: AsyncDisposable) {\n  {\n    await using a = r;\n    use(a);\n  }\n  done();\n}\ndeclare function use(x: unknown): void;\ndeclare function done(): void;\n`, { trackCalls: false }, { target: ts.ScriptTarget.ESNext });
    assert.match(output, /await using a = r;\n\s+try \{\n\s+use\(a\);\n\s+\}\n\s+finally \{\n\s+__lwTask\.parkedAt = __lwSites \+ 1, __lw\.suspend\(__lwTask, void 0\);\n\s+\}\n\s+\}\n\s+__lw\.resume\(__lwTask, void 0\);\n\s+done\(\);/);
  });

  it('adds resume to catch and finally only in functions that can suspend', () => {
    const suspends = transpile(`async function f() { try { await g(); } finally { h(); } }\ndeclare function g(): Promise<void>; declare function h(): void;`, { trackCalls: false });
    assert.match(suspends, /finally \{\n\s+__lw\.resume\(__lwTask, void 0\);\n\s+h\(\);/);
    const never = transpile(`async function f() { try { g(); } catch { h(); } }\ndeclare function g(): void; declare function h(): void;`, { trackCalls: false });
    assert.doesNotMatch(never, /resume/);
  });

  it('never splits an optional chain, and leaves super() and import() bare', () => {
    const output = transpile(`class B { constructor(_: unknown) {} }
class A extends B { constructor() { super(async () => { await a?.b().c(); await import('x'); }); } }
declare const a: { b(): { c(): Promise<void> } } | undefined;
`);
    // The whole chain is the awaited call: its `created` is folded into the park, never split inside.
    assert.match(output, /\(__lwTask\.parkedAt = __lwSites \+ \d+, __lw\.awaiting\(__lwTask, a\?\.b\(\)\.c\(\)\)\)/);
    assert.doesNotMatch(output, /created\([^)]*a\?\.b\(\)\)\./);
    const optional = transpile(`async function f() { return a?.b().c(); }
declare const a: { b(): { c(): Promise<void> } } | undefined;
`);
    assert.match(optional, /__lw\.created\(__lwSites \+ \d+, a\?\.b\(\)\.c\(\), __lwTask\)/);
    assert.doesNotMatch(optional, /created\([^)]*a\?\.b\(\)\)\./);
    assert.match(output, /super\(async \(\) =>/);
    assert.doesNotMatch(output, /created\(__lwSites \+ \d+, import\(/);
  });

  it('leaves a function alone whose top-level declarations a block would reject (allowJs)', () => {
    const source = `async function a() { var f = 1; function f() {} await f; }
async function b() { function g() {} function g() {} await g; }
async function c() { function h() {} { let h2 = h; } for (var i of []) {} await h; }
async function d(p) { function p() {} await null; return typeof arguments[0]; }
async function e({ q }) { function q() {} await q; }
async function g() { function arguments() {} await arguments; }
`;
    const output = transpile(source, { trackCalls: false }, { allowJs: true }, 'src/a.js');
    assert.deepEqual(siteTable(output).sites.filter((s) => s[0] === 0).map((s) => s[3]), ['c']);
    assert.match(output, /async function d\(p\) \{ function p\(\) \{ \}/);
    assert.match(output, /async function a\(\) \{ var f = 1;/);
  });

  it('picks other names when the file already uses __lw, __lwSites, __lwTask or __lwError', () => {
    const output = transpile(`const __lw = 1;\nasync function f(__lwTask: number, __lwError: number) { await __lwTask; return __lw + __lwError; }\n`);
    assert.match(output, /var __lw1 = require\("loopwatch\/runtime"\)\.hooks;/);
    assert.match(output, /const __lwTask1 = __lw1\.enter\(__lwSites1 \+ 0\);/);
    assert.match(output, /\(__lwTask1\.parkedAt = __lwSites1 \+ 1, __lw1\.awaiting\(__lwTask1, __lwTask\)\)/);
    assert.match(output, /catch \(__lwError1\) \{\n {8}__lwTask1\.thrown = __lwError1;\n {8}throw __lwError1;/);
  });

  it('numbers the names past every taken one, counts identifiers only (escaped ones too), and never takes a name TypeScript generates', () => {
    const taken = transpile('const __lw = 1, __lwTask1 = 2;\nexport async function f() { await __lw; return __lwTask1; }\n');
    assert.match(taken, /var __lw2 = require\("loopwatch\/runtime"\)\.hooks;/);
    assert.match(taken, /const __lwTask2 = __lw2\.enter\(__lwSites2 \+ 0\);/);
    // Named in a comment and a string only: no identifier to clash with.
    const mentioned = transpile('// __lw, __lwTask\nexport async function f() { await "__lwSites"; }\n');
    assert.match(mentioned, /var __lw = require\("loopwatch\/runtime"\)\.hooks;/);
    assert.match(mentioned, /const __lwTask = __lw\.enter\(__lwSites \+ 0\);/);
    // `\u005f_lw` is the identifier `__lw`.
    assert.match(transpile('const \\u005f_lw = 1;\nexport async function f() { await \\u005f_lw; }\n'), /var __lw1 = require/);
    // TypeScript names the import of "./__lw" `__lw_1`, or `__lw_2` where `__lw_1` is taken.
    const imported = transpile('import { x } from "./__lw";\nconst __lw = x;\nexport async function f() { await __lw; }\n');
    assert.match(imported, /const __lw_1 = require\("\.\/__lw"\);/);
    assert.match(imported, /var __lw1 = require\("loopwatch\/runtime"\)\.hooks;/);
    assert.match(imported, /const __lwTask1 = __lw1\.enter\(__lwSites1 \+ 0\);/);
  });

  it('without the parser\'s identifier set, any occurrence of a name in the text takes it', () => {
    const file = ts.createSourceFile('a.ts', '// __lwError\nexport {};\n', ts.ScriptTarget.ES2022);
    assert.equal(emittedNames(file).hooks, '__lw');
    const textOnly = { text: file.text } as ts.SourceFile;
    assert.deepEqual(emittedNames(textOnly), { hooks: '__lw1', sites: '__lwSites1', task: '__lwTask1', error: '__lwError1' });
  });
});

/**
 * The calls recorded as creating a task, in source order: wrapped in `created(...)`, or the operand
 * of an `await` whose site has kind 13 (AwaitCall: the call's `created` folded into the park).
 */
function recordedCalls(output: string): string[] {
  const kinds = siteTable(output).sites.map(([kind]) => kind);
  const calls = /__lw\.created\(__lwSites \+ \d+, ([^;]*?\(\))(?:, __lwTask)?\)|\(__lwTask\.parkedAt = __lwSites \+ (\d+), __lw\.awaiting\(__lwTask, ([^;]*?\(\))\)\)/g;
  return [...output.matchAll(calls)].flatMap((m) => (m[1] !== undefined ? [m[1]] : kinds[Number(m[2])] === 13 ? [m[3]!] : []));
}

describe('which calls get created(...)', () => {
  const source = `export async function worker() { return 1; }
export function syncHelper() { return 2; }
export const thenable = { then(resolve: (v: number) => void) { resolve(3); } };
export function getThenable() { return thenable; }
worker();
syncHelper();
export async function main() {
  globalThis.String(syncHelper());
  await worker();
  await getThenable();
  const p: Promise<number> | undefined = Math.random() > 2 ? undefined : worker();
  return p;
}
`;

  it('with a Program: exactly the calls whose type is promise-like or thenable, anywhere', () => {
    const output = emitProgram({ 'src/a.ts': source })['src/a.js']!;
    assert.deepEqual(recordedCalls(output), ['worker()', 'worker()', 'getThenable()', 'worker()']);
    assert.match(output, /\n__lw\.created\(__lwSites \+ \d+, worker\(\)\);\nsyncHelper\(\);/);
  });

  it('with a Program, inside an async function also calls typed any or unknown (they may start a task)', () => {
    const output = emitProgram({ 'src/a.ts': `${source}
declare const untyped: any;
declare const opaque: () => unknown;
export async function loose() {
  await worker();
  untyped.go();
  opaque();
  syncHelper();
}
untyped.outside();
` })['src/a.js']!;
    const body = output.slice(output.indexOf('async function loose'));
    assert.deepEqual([...body.matchAll(/__lw\.created\(__lwSites \+ \d+, (.*?\(\)), __lwTask\)/g)].map((m) => m[1]), ['untyped.go()', 'opaque()']);
    assert.match(body, /\n {8}syncHelper\(\);/);
    assert.match(output, /\nuntyped\.outside\(\);/);
  });

  it('folds `created` into the park only for a recorded call awaited directly (through parentheses)', () => {
    const output = emitProgram({ 'src/a.ts': `${source}
export async function folding(flag: boolean) {
  await (worker());
  await syncHelper();
  await (flag ? worker() : getThenable());
}
` })['src/a.js']!;
    const body = output.slice(output.indexOf('async function folding'));
    const sites = siteTable(output).sites;
    const kindOf = (local: string) => sites[Number(local)]![0];
    const parks = [...body.matchAll(/\(__lwTask\.parkedAt = __lwSites \+ (\d+), __lw\.awaiting\(__lwTask, (.*?)\)\), __lw\.awaited/g)].map((m) => [kindOf(m[1]!), m[2]]);
    assert.deepEqual(parks, [
      [13, '(worker())'], // folded: the next site is the call's (kind 7)
      [1, 'syncHelper()'], // not a promise: not recorded, a plain await
      [1, '(flag ? __lw.created(__lwSites + 13, worker(), __lwTask) : __lw.created(__lwSites + 14, getThenable(), __lwTask))'],
    ]);
    const folded = Number(/\(__lwTask\.parkedAt = __lwSites \+ (\d+), __lw\.awaiting\(__lwTask, \(worker\(\)\)\)\)/.exec(body)![1]);
    assert.deepEqual(sites[folded + 1]!.slice(0, 2), [7, sites[folded]![1]]);
  });

  it('without types: every call inside async functions, and calls of same-file async functions elsewhere', () => {
    const output = transpile(source);
    assert.match(output, /\n__lw\.created\(__lwSites \+ \d+, worker\(\)\);\nsyncHelper\(\);/);
    assert.match(output, /__lw\.created\(__lwSites \+ \d+, globalThis\.String\(__lw\.created\(__lwSites \+ \d+, syncHelper\(\), __lwTask\)\), __lwTask\)/);
  });

  it('passes the enclosing task only from its own body: not from parameters, nested functions or outside', () => {
    const output = transpile(`async function parent(x = start()) {
  start();
  [1].forEach(() => start());
  const inner = async () => start();
  return inner;
}
start();
async function start() {}
`);
    const calls = [...output.matchAll(/__lw\.created\(__lwSites \+ \d+, (start\(\)|inner)(, __lwTask)?\)/g)].map((m) => m[0].replace(/\d+/, 'N'));
    assert.deepEqual(calls, [
      '__lw.created(__lwSites + N, start())', // parameter default: the task is not declared yet
      '__lw.created(__lwSites + N, start(), __lwTask)', // own body
      '__lw.created(__lwSites + N, start())', // nested sync arrow: no capture of the task
      '__lw.created(__lwSites + N, start(), __lwTask)', // inner's own body (inner's task)
      '__lw.created(__lwSites + N, start())', // top level
    ]);
  });

  it('not inside decorators', () => {
    const output = transpile(`declare function dec(): (value: unknown, context: ClassMethodDecoratorContext) => void;
async function f() { class A { @dec() async m() {} } return A; }
`);
    assert.doesNotMatch(output, /created\(__lwSites \+ \d+, dec\(\)\)/);
  });
});

describe('module kinds', () => {
  const source = 'export async function f() { await 1; }\n';
  const firstLine = (text: string) => text.split('\n').find((line) => line.includes('loopwatch/runtime'));

  it('require for CommonJS, import for ES modules, chosen per file under node16', () => {
    const outputs = emitProgram({ 'src/a.mts': source, 'src/b.cts': source, 'src/c.ts': source }, {
      module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16,
    });
    assert.equal(firstLine(outputs['src/a.mjs']!), 'import { hooks as __lw } from "loopwatch/runtime";');
    assert.equal(firstLine(outputs['src/b.cjs']!), 'var __lw = require("loopwatch/runtime").hooks;');
    assert.equal(firstLine(outputs['src/c.js']!), 'var __lw = require("loopwatch/runtime").hooks;');
  });

  it('TypeScript does not elide the synthesized import (Program emit, verbatimModuleSyntax, isolatedModules)', () => {
    for (const extra of [{}, { verbatimModuleSyntax: true }, { isolatedModules: true }]) {
      const output = emitProgram({ 'src/v.ts': source }, { module: ts.ModuleKind.ESNext, ...extra })['src/v.js']!;
      assert.equal(firstLine(output), 'import { hooks as __lw } from "loopwatch/runtime";', JSON.stringify(extra));
    }
    assert.equal(firstLine(transpile(source, {}, { module: ts.ModuleKind.ES2020 })), 'import { hooks as __lw } from "loopwatch/runtime";');
    assert.equal(firstLine(transpile(source, {}, { module: ts.ModuleKind.Preserve })), 'import { hooks as __lw } from "loopwatch/runtime";');
  });

  it('leaves a script alone under ES module output, where an import would make it a module', () => {
    const script = 'var counter = 0;\nasync function bump() { await null; return ++counter; }\nbump();\n';
    const plain = ts.transpileModule(script, { fileName: 'src/s.ts', compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    for (const module of [ts.ModuleKind.ES2015, ts.ModuleKind.ES2022, ts.ModuleKind.ESNext]) {
      assert.equal(transpile(script, {}, { module }, 'src/s.ts'), plain, ts.ModuleKind[module]);
      assert.doesNotMatch(emitProgram({ 'src/s.ts': script }, { module })['src/s.js']!, /__lw/, `${ts.ModuleKind[module]}, Program`);
    }
    // A module by its syntax or by moduleDetection, and a script under CommonJS output, are instrumented.
    assert.equal(firstLine(transpile(`${script}export {};\n`, {}, { module: ts.ModuleKind.ESNext })), 'import { hooks as __lw } from "loopwatch/runtime";');
    assert.equal(firstLine(transpile(script, {}, { module: ts.ModuleKind.ESNext, moduleDetection: ts.ModuleDetectionKind.Force })), 'import { hooks as __lw } from "loopwatch/runtime";');
    assert.equal(firstLine(transpile(script, {}, { module: ts.ModuleKind.CommonJS })), 'var __lw = require("loopwatch/runtime").hooks;');
  });

  it('without module or target, follows the compiler in use: CommonJS from TypeScript 5, ES modules from TypeScript 6', (t) => {
    const ts6 = otherTypeScript('6');
    if (ts6 === undefined) return t.skip('no TypeScript 6 found (the typescript6 devDependency alias)');
    // Neither module nor target: each compiler's own defaults decide, and the emitted body shows which.
    const emitWithDefaults = (compiler: typeof ts): string =>
      emitProgram({ 'src/d.ts': source }, { target: undefined, module: undefined }, {}, true, compiler)['src/d.js']!;
    const five = emitWithDefaults(ts);
    assert.match(five, /^exports\.f = f;$/m);
    assert.equal(firstLine(five), 'var __lw = require("loopwatch/runtime").hooks;');
    const six = emitWithDefaults(ts6);
    assert.match(six, /^export async function f\(\)/m);
    assert.equal(firstLine(six), 'import { hooks as __lw } from "loopwatch/runtime";');
    assert.doesNotMatch(six, /require\(/);
  });

  it('refuses AMD, UMD and System output with a clear error', () => {
    for (const module of [ts.ModuleKind.AMD, ts.ModuleKind.UMD, ts.ModuleKind.System]) {
      assert.throws(() => transpile(source, {}, { module }), /loopwatch\/transform: "module": "(AMD|UMD|System)" output is not supported; use CommonJS or ES module output/);
    }
  });
});

describe('legacy decorators (experimentalDecorators + emitDecoratorMetadata)', () => {
  it('run the same with and without the transform', async () => {
    const source = `
const log: string[] = [];
function Logged(label: string): MethodDecorator {
  return (_target, key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    descriptor.value = async function (this: unknown, ...args: unknown[]) {
      log.push('before ' + label + ' ' + String(key));
      try {
        return await original.apply(this, args);
      } finally {
        log.push('after ' + label);
      }
    };
  };
}
function Injectable(): ClassDecorator {
  return (target) => { log.push('class ' + target.name); };
}
@Injectable()
class Service {
  constructor(private readonly prefix: string) {}
  @Logged('load')
  async load(id: number): Promise<string> {
    await null;
    if (id < 0) throw new Error('negative');
    return this.prefix + id;
  }
}
export async function run() {
  const s = new Service('item');
  log.push(await s.load(1));
  await s.load(-1).catch((e: Error) => log.push(e.message));
  return log.join('|');
}
`;
    const compilerOptions = { experimentalDecorators: true, emitDecoratorMetadata: true };
    const evaluate = async (js: string) => {
      const runtime = require('../../dist/src/runtime/index.js') as unknown;
      const module = { exports: {} as { run(): Promise<string> } };
      const load = (id: string) => (id === 'loopwatch/runtime' ? runtime : require(id));
      new Function('exports', 'require', 'module', js)(module.exports, load, module);
      return module.exports.run();
    };
    const instrumented = transpile(source, {}, compilerOptions);
    assert.match(instrumented, /__decorate\(/);
    assert.match(instrumented, /__lw\.enter\(/);
    const expected = await evaluate(plain(source, compilerOptions));
    assert.equal(expected, 'class Service|before load load|after load|item1|before load load|after load|negative');
    assert.equal(await evaluate(instrumented), expected);
  });
});

describe('after another transformer', () => {
  it('instruments nodes it synthesized (no parent, no position) without failing', () => {
    const synthesize: ts.TransformerFactory<ts.SourceFile> = (context) => (sourceFile) => {
      const f = context.factory;
      const method = f.createMethodDeclaration([f.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined,
        f.createComputedPropertyName(f.createIdentifier('key')), undefined, undefined, [], undefined, f.createBlock([
          f.createExpressionStatement(f.createAwaitExpression(f.createCallExpression(f.createIdentifier('made'), undefined, []))),
        ]));
      const made = f.createFunctionDeclaration([f.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined, 'made', undefined, [], undefined,
        f.createBlock([f.createExpressionStatement(f.createObjectLiteralExpression([method]))], true));
      return f.updateSourceFile(sourceFile, [...sourceFile.statements, made]);
    };
    const output = ts.transpileModule('export async function a() { await 1; }\nconst key = "k";\n', {
      fileName: 'src/a.ts',
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
      transformers: { before: [synthesize, createTransformer({}, undefined, ts)] },
    }).outputText;
    assert.deepEqual(siteTable(output).sites.filter((s) => s[0] === 0), [[0, 1, 1, 'a'], [0, 0, 0, 'made'], [0, 0, 0, '<anonymous>']]);
  });
});

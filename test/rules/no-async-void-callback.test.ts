import rule from '../../rules/no-async-void-callback';
import { typedRuleTester, untypedRuleTester } from './rule-tester';

const emitter = "import { EventEmitter } from 'node:events';\nconst e = new EventEmitter();\n";
const runDecl = 'function run(cb: () => void) {}\n';
// React types are not installed: just enough JSX typing for attribute checks.
const jsx =
  'declare global { namespace JSX { interface Element {} interface IntrinsicElements {' +
  ' button: { onClick?: () => void; onLoad?: () => Promise<void>; onKey?: () => void | Promise<void> } } } }\nexport {};\n';

typedRuleTester().run('no-async-void-callback (typed)', rule, {
  valid: [
    runDecl + 'run(() => {});',
    runDecl + 'run(() => 1);',
    runDecl + 'run(() => void Promise.resolve());',
    runDecl + 'function sync() { return 1; }\nrun(sync);',
    runDecl + "import { format } from './async-exports';\nrun(format);",
    // Unannotated parameters of a declaration are `any`; literals and `new` are never callable.
    runDecl + 'function forward(cb) { run(cb); }\nconst when = new Date();\nrun(when);',
    'declare const xs: number[];\nxs.map(async (x) => x);',
    'declare const xs: number[];\nxs.forEach((x) => console.log(x));',
    'declare const xs: number[];\ndeclare function send(x: number): Promise<void>;\nxs.forEach((x) => void send(x));',
    'function run2(cb: () => void | Promise<void>) {}\nrun2(async () => {});',
    // An overload that takes a promise-returning callback makes the promise welcome.
    'function ov(cb: () => void): void;\nfunction ov(cb: () => Promise<void>): void;\nfunction ov(cb: unknown) {}\nov(async () => {});',
    'function gen<T>(cb: () => T): T { return cb(); }\ngen(async () => 1);',
    'Promise.resolve().finally(async () => {});',
    'Promise.resolve(1).then(async (x) => x);',
    'const cb: () => Promise<void> = async () => {};',
    'const cb = async () => {};',
    'const cb: () => unknown = async () => {};',
    'const n: number = 1;\nlet m: string;\nm = "x";',
    'setTimeout(() => {}, 1);',
    'new Promise<number>((resolve) => resolve(1));',
    emitter + "e.on('x', () => {});",
    'declare const anything: any;\nanything(async () => {});\nanything.forEach(async () => {});',
    runDecl + 'async function* stream() {}\nrun(stream);',
    runDecl + 'run(function* () {});',
    'function make(): () => Promise<void> { return async () => {}; }',
    'function count(): number { return 1; }',
    'class A { cb: () => Promise<void> = async () => {}; }',
    'const o: { cb: () => Promise<void> } = { cb: async () => {} };',
    { code: jsx + 'const b = <button onLoad={async () => {}} />;', filename: 'react.tsx' },
    { code: jsx + 'const b = <button onKey={async () => {}} />;', filename: 'react.tsx' },
    { code: jsx + 'const b = <button onClick={async () => {}} />;', filename: 'react.tsx', options: [{ checksJsxAttributes: false }] },
    { code: 'const o: { cb: () => void } = { cb: async () => {} };', options: [{ checksProperties: false }] },
    { code: 'const cb: () => void = async () => {};', options: [{ checksVariables: false }] },
    { code: 'function make(): () => void { return async () => {}; }', options: [{ checksReturns: false }] },
    { code: runDecl + 'run(async () => {});', options: [{ ignoredCallees: ['run'] }] },
    // Odd code: nothing to report, nothing thrown.
    "new (Promise as any)(async () => {});\nconst k = 'x';\nconst o = { [k]() { return Promise.resolve(); }, async *g() {}, get h() { return async () => {}; } };\nexport default async () => {};\ndeclare const xs: number[];\nxs.forEach((async) => async);\nnew Promise(async);",
    {
      code: jsx.replace('button: {', 'a: { [k: string]: unknown }; button: {') + 'const props = {};\nconst x = <a {...props} xlink:href={async () => {}}>{async () => {}}</a>;',
      filename: 'react.tsx',
    },
    { code: emitter + "e.on('x', async () => {});", options: [{ ignoredCallees: ['e.on'] }] },
    // A fully guarded body cannot reject: every failure is caught and only logged.
    emitter + "e.on('x', async (user: string) => {\n  try {\n    await Promise.resolve(user);\n  } catch (err) {\n    console.error('failed', err);\n  } finally {\n    e.emit('done');\n  }\n});",
    runDecl + 'const guarded = async () => { try { await Promise.resolve(); } catch { process.exitCode = 1; } };\nrun(guarded);',
    // `process.nextTick` is known by the binding, not the name: a local `process` is someone else's.
    'const process = { nextTick(cb: Function) {} };\nprocess.nextTick(async () => {});',
    'process.nextTick(() => {});\nprocess.nextTick(async function* () {});',
    // Inherited methods: a base that takes a promise, a sync override, a name the base lacks, a guarded body.
    'class Base { stop(): Promise<void> | void {} }\nclass A extends Base { async stop() {} }',
    'interface L { stop(): void; start(): Promise<void>; }\nclass A implements L { stop(): void {} async start() {} async other() {} }',
    'class A { async stop() {} }\nclass B extends A { async stop() {} }',
    'interface L { stop(): void }\nclass A implements L { async stop() { try { await Promise.resolve(); } catch (e) { console.error(e); } } }',
    'interface L { stop(): void }\nclass A implements L { static async stop() {} async [Symbol.iterator]() {} }',
    // Properties: a promise-returning member overriding one that returns a promise too, a void function,
    // a static or private field, a guarded body, a class with no heritage.
    'class Base { stop(): Promise<void> | void {} }\nclass A extends Base { stop = async () => {}; }',
    'interface L { stop(): void; start(): void }\nclass A implements L { stop = () => {}; start = function () {}; static stop = async () => {}; #x = async () => {}; }',
    'interface L { stop(): void }\nclass A implements L { stop = async () => { try { await Promise.resolve(); } catch (e) { console.error(e); } }; }',
    'class A { stop = async () => {}; }',
    // Interfaces: a member that returns void as its base's does, one whose base returns a promise too, no base.
    'interface L { stop(): void; start(): Promise<void>; }\ninterface S extends L { stop(): void; start(): Promise<void>; other(): Promise<void>; }',
    'interface S { stop(): Promise<void>; }',
    // A parameter of an async function is not that function (plain and destructured, as in a server component).
    emitter + "export async function subscribe(listener: () => void) {\n  e.on('change', listener);\n  [1, 2].forEach(listener);\n  setTimeout(listener, 10);\n}",
    { code: jsx + 'export default async function Page({ onSave }: { onSave: () => void }) {\n  return <button onClick={onSave} />;\n}', filename: 'react.tsx' },
  ],
  invalid: [
    {
      // A promise-returning parameter of a plain function declaration is judged by its type, as in an arrow.
      code: 'export function run(f: () => Promise<void>) { [1].forEach(f); }\nexport const run2 = (f: () => Promise<void>) => { [1].forEach(f); };',
      errors: [{ messageId: 'voidArgument', line: 1, column: 59 }, { messageId: 'voidArgument', line: 2, column: 63 }],
    },
    {
      // Judged where the async function is assigned; `cleanup` is typed `() => void` after that.
      code: 'function make(): () => void {\n  const cleanup: () => void = async () => {};\n  return cleanup;\n}',
      errors: [{ messageId: 'voidVariable', line: 2, column: 31, data: { fn: 'Async function', name: '`cleanup`' } }],
    },
    {
      // An annotation that returns a promise still makes the reference promise-returning.
      code: runDecl + 'const cb: () => Promise<void> = async () => {};\nrun(cb);',
      errors: [{ messageId: 'voidArgument', line: 3, column: 5 }],
    },
    {
      code: "import proc from 'node:process';\nimport { nextTick as tick } from 'process';\nprocess.nextTick(async () => {});\nproc.nextTick(async () => {});\ntick(async () => {});\nconst p = require('process');\np.nextTick(async function () {});",
      errors: [
        { messageId: 'voidArgument', line: 3, column: 18, data: { fn: 'Async function', callee: '`nextTick`' } },
        { messageId: 'voidArgument', line: 4, column: 15 },
        { messageId: 'voidArgument', line: 5, column: 6 },
        { messageId: 'voidArgument', line: 7, column: 12 },
      ],
    },
    {
      code: 'interface Lifecycle { start(): void; stop(): void; }\nexport class Scratch implements Lifecycle {\n  start(): void {}\n  async stop(): Promise<void> {}\n}',
      errors: [
        {
          messageId: 'voidInheritedMethod',
          line: 4,
          column: 3,
          endColumn: 13,
          data: { fn: 'Async method', name: 'stop', owner: 'Lifecycle' },
        },
      ],
    },
    {
      // Properties and `accessor` fields holding a promise-returning function; an annotated one is
      // reported by its annotation (`voidProperty`), once.
      code:
        'interface Lifecycle { start(): void; stop(): void; }\n' +
        'export class A implements Lifecycle {\n  start = (): Promise<void> => Promise.resolve();\n  stop = async () => {};\n}\n' +
        'class Base { close(): void {} onTick(): void {} }\n' +
        'export class B extends Base {\n  close = async function () {};\n  accessor onTick = async () => {};\n}\n' +
        'export class C implements Lifecycle {\n  start(): void {}\n  stop: () => void = async () => {};\n}',
      errors: [
        { messageId: 'voidInheritedMethod', line: 3, column: 11, data: { fn: 'Promise-returning function', name: 'start', owner: 'Lifecycle' } },
        { messageId: 'voidInheritedMethod', line: 4, column: 10, data: { fn: 'Async function', name: 'stop', owner: 'Lifecycle' } },
        { messageId: 'voidInheritedMethod', line: 8, column: 3, data: { fn: 'Async function', name: 'close', owner: 'Base' } },
        { messageId: 'voidInheritedMethod', line: 9, column: 21, data: { fn: 'Async function', name: 'onTick', owner: 'Base' } },
        { messageId: 'voidProperty', line: 13, column: 22 },
      ],
    },
    {
      // An interface member typed to return a promise where the interface it extends says void.
      code:
        'interface Lifecycle { start(): void; stop(): void; onTick: () => void; }\n' +
        'interface Service extends Lifecycle {\n  start(): Promise<void>;\n  stop(): void;\n  onTick: () => Promise<void>;\n}',
      errors: [
        { messageId: 'voidInheritedMethod', line: 3, column: 3, endColumn: 8, data: { fn: 'Promise-returning method', name: 'start', owner: 'Lifecycle' } },
        { messageId: 'voidInheritedMethod', line: 5, column: 3, data: { fn: 'Promise-returning function', name: 'onTick', owner: 'Lifecycle' } },
      ],
    },
    {
      code: 'class Base { close(): void {} }\nconst A = class extends Base { close(): Promise<void> { return Promise.resolve(); } };',
      errors: [{ messageId: 'voidInheritedMethod', line: 2, column: 32, data: { fn: 'Promise-returning method', name: 'close', owner: 'Base' } }],
    },
    {
      // Guarded only in part: a rethrow, an await in the handler, a returned promise, code after the `try`.
      code:
        emitter +
        "e.on('a', async () => { try { await 1; } catch (err) { throw err; } });\n" +
        "e.on('b', async () => { try { await 1; } catch (err) { await e.emit('x'); } });\n" +
        "e.on('c', async () => { try { return Promise.reject(); } catch { console.log(1); } });\n" +
        "e.on('d', async () => { try { await 1; } catch { console.log(1); } await 2; });\n" +
        "e.on('e', async () => { try { await 1; } catch ({ message }) { console.log(message); } });",
      errors: [
        { messageId: 'voidArgument', line: 3, column: 11 },
        { messageId: 'voidArgument', line: 4, column: 11 },
        { messageId: 'voidArgument', line: 5, column: 11 },
        { messageId: 'voidArgument', line: 6, column: 11 },
        { messageId: 'voidArgument', line: 7, column: 11 },
      ],
    },
    {
      code: 'const xs = [1, 2];\nxs.forEach(async (x) => { await Promise.resolve(x); });',
      errors: [
        {
          messageId: 'voidArgument',
          line: 2,
          column: 12,
          endColumn: 24,
          data: { fn: 'Async function', callee: '`forEach`' },
          suggestions: [],
        },
      ],
    },
    {
      code: 'declare function send(x: number): Promise<void>;\nasync function main(xs: number[]) {\n  xs.forEach(async (x) => {\n    await send(x);\n  });\n}',
      errors: [
        {
          messageId: 'voidArgument',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                'declare function send(x: number): Promise<void>;\nasync function main(xs: number[]) {\n  await Promise.all(xs.map(async (x) => {\n    await send(x);\n  }));\n}',
            },
            {
              messageId: 'suggestForOf',
              output:
                'declare function send(x: number): Promise<void>;\nasync function main(xs: number[]) {\n  for (const x of xs) {\n    await send(x);\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // Expression body: the loop awaits what the callback returned.
      code: 'declare function send(x: number): Promise<void>;\nconst main = async (xs: readonly number[]) => {\n  xs.forEach(async (x) => send(x));\n};',
      errors: [
        {
          messageId: 'voidArgument',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                'declare function send(x: number): Promise<void>;\nconst main = async (xs: readonly number[]) => {\n  await Promise.all(xs.map(async (x) => send(x)));\n};',
            },
            {
              messageId: 'suggestForOf',
              output:
                'declare function send(x: number): Promise<void>;\nconst main = async (xs: readonly number[]) => {\n  for (const x of xs) { await send(x); }\n};',
            },
          ],
        },
      ],
    },
    {
      // `return` inside the callback would mean `continue`: only Promise.all is offered.
      code: 'async function main(xs: number[]) {\n  xs.forEach(async (x) => {\n    if (x) return;\n    await 0;\n  });\n}',
      errors: [
        {
          messageId: 'voidArgument',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                'async function main(xs: number[]) {\n  await Promise.all(xs.map(async (x) => {\n    if (x) return;\n    await 0;\n  }));\n}',
            },
          ],
        },
      ],
    },
    {
      // Two parameters (value, index) have no `for…of` equivalent here.
      code: 'async function main(xs: string[]) {\n  xs.forEach(async (x, i) => { await 0; });\n}',
      errors: [
        {
          messageId: 'voidArgument',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output: 'async function main(xs: string[]) {\n  await Promise.all(xs.map(async (x, i) => { await 0; }));\n}',
            },
          ],
        },
      ],
    },
    {
      // `for (const node of node.children)` would read `node` in its temporal dead zone.
      code: 'async function walk(node: { children: string[] }) {\n  node.children.forEach(async (node) => { await node; });\n}',
      errors: [
        {
          messageId: 'voidArgument',
          line: 2,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                'async function walk(node: { children: string[] }) {\n  await Promise.all(node.children.map(async (node) => { await node; }));\n}',
            },
          ],
        },
      ],
    },
    {
      // A `function` callback's own `this` would change meaning inside a loop.
      code: 'async function main(xs: number[]) {\n  xs.forEach(async function (x) { await this; });\n}',
      errors: [
        {
          messageId: 'voidArgument',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output: 'async function main(xs: number[]) {\n  await Promise.all(xs.map(async function (x) { await this; }));\n}',
            },
          ],
        },
      ],
    },
    {
      // Not an array: Set and Map have no `map`, and a Map iterates entries.
      code: 'async function main(s: Set<number>, m: Map<string, number>) {\n  s.forEach(async (x) => { await x; });\n  m.forEach(async (v) => { await v; });\n}',
      errors: [
        { messageId: 'voidArgument', line: 2, column: 13, suggestions: [] },
        { messageId: 'voidArgument', line: 3, column: 13, suggestions: [] },
      ],
    },
    {
      // Used as a value, not a statement: no rewrite.
      code: 'async function main(xs: number[]) {\n  const r = xs.forEach(async (x) => { await x; });\n}',
      errors: [{ messageId: 'voidArgument', line: 2, column: 24, suggestions: [] }],
    },
    {
      code:
        emitter +
        "e.on('x', async () => {});\ne.once('x', async () => {});\ne.addListener('x', async () => {});\ne.prependListener('x', async () => {});\ne.prependOnceListener('x', async () => {});",
      errors: [
        { messageId: 'voidArgument', line: 3, column: 11, data: { fn: 'Async function', callee: '`on`' } },
        { messageId: 'voidArgument', line: 4, column: 13 },
        { messageId: 'voidArgument', line: 5, column: 20 },
        { messageId: 'voidArgument', line: 6, column: 24 },
        { messageId: 'voidArgument', line: 7, column: 28 },
      ],
    },
    {
      code: "process.on('SIGTERM', async () => {});\nprocess.once('beforeExit', async function () {});",
      errors: [
        { messageId: 'voidArgument', line: 1, column: 23 },
        { messageId: 'voidArgument', line: 2, column: 28 },
      ],
    },
    {
      code: 'setTimeout(async () => {}, 1);\nsetInterval(async () => {}, 1);\nsetImmediate(async () => {});\nqueueMicrotask(async () => {});',
      errors: [
        { messageId: 'voidArgument', line: 1, column: 12, data: { fn: 'Async function', callee: '`setTimeout`' } },
        { messageId: 'voidArgument', line: 2, column: 13 },
        { messageId: 'voidArgument', line: 3, column: 14 },
        { messageId: 'voidArgument', line: 4, column: 16 },
      ],
    },
    {
      code: 'new Promise<void>(async (resolve) => { resolve(); });',
      errors: [
        {
          messageId: 'promiseExecutor',
          line: 1,
          column: 19,
          suggestions: [{ messageId: 'suggestRemoveAsync', output: 'new Promise<void>((resolve) => { resolve(); });' }],
        },
      ],
    },
    {
      // The executor awaits: removing `async` would not compile, so no suggestion.
      code: 'declare const p: Promise<number>;\nnew Promise(async (resolve) => { resolve(await p); });',
      errors: [{ messageId: 'promiseExecutor', line: 2, column: 13, suggestions: [] }],
    },
    {
      code: 'new Promise(async function (resolve, reject) { reject(new Error("x")); });',
      errors: [
        {
          messageId: 'promiseExecutor',
          line: 1,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestRemoveAsync',
              output: 'new Promise(function (resolve, reject) { reject(new Error("x")); });',
            },
          ],
        },
      ],
    },
    {
      code: runDecl + 'run(async () => {});\nrun(() => Promise.resolve(1));\nrun(function () { return Promise.resolve(); });',
      errors: [
        { messageId: 'voidArgument', line: 2, column: 5, data: { fn: 'Async function', callee: '`run`' } },
        { messageId: 'voidArgument', line: 3, column: 5, data: { fn: 'Promise-returning function', callee: '`run`' } },
        { messageId: 'voidArgument', line: 4, column: 5 },
      ],
    },
    {
      // Named values: local async functions, declared promise-returning functions, methods, bind.
      code:
        runDecl +
        'async function handler() {}\nrun(handler);\ndeclare function load(): Promise<void>;\nrun(load);\ndeclare const api: { load(): Promise<void> };\nrun(api.load);\nrun(api.load.bind(api));',
      errors: [
        { messageId: 'voidArgument', line: 3, column: 5, data: { fn: 'Async function `handler`', callee: '`run`' } },
        { messageId: 'voidArgument', line: 5, column: 5, data: { fn: 'Promise-returning function `load`', callee: '`run`' } },
        { messageId: 'voidArgument', line: 7, column: 5 },
        { messageId: 'voidArgument', line: 8, column: 5 },
      ],
    },
    {
      // Through import aliases: an async function declaration and a const arrow.
      code: runDecl + "import { save, load } from './async-exports';\nrun(save);\nrun(load);",
      errors: [
        { messageId: 'voidArgument', line: 3, column: 5, data: { fn: 'Promise-returning function `save`', callee: '`run`' } },
        { messageId: 'voidArgument', line: 4, column: 5 },
      ],
    },
    {
      // A contextually typed callback parameter that holds a promise-returning function.
      code: 'declare const tasks: Array<() => Promise<void>>;\ntasks.forEach((task) => setTimeout(task, 0));',
      errors: [{ messageId: 'voidArgument', line: 2, column: 36, data: { fn: 'Promise-returning function `task`', callee: '`setTimeout`' } }],
    },
    {
      // Type assertions and non-null assertions keep the value's (asserted) type.
      code: runDecl + 'declare const maybe: (() => Promise<void>) | undefined;\nrun(maybe!);\nrun(maybe as () => Promise<void>);',
      errors: [
        { messageId: 'voidArgument', line: 3, column: 5, data: { fn: 'Promise-returning function `maybe!`', callee: '`run`' } },
        { messageId: 'voidArgument', line: 4, column: 5 },
      ],
    },
    {
      // Index signatures: `Record<string, () => void>` expects void from every member.
      code: 'declare function save(): Promise<void>;\nconst handlers: Record<string, () => void> = {\n  a: async () => {},\n  b() { return save(); },\n};',
      errors: [
        { messageId: 'voidProperty', line: 3, column: 6 },
        { messageId: 'voidProperty', line: 4, column: 3, data: { fn: 'Promise-returning function', name: '`b`' } },
      ],
    },
    {
      // A function whose return type is promise-like without `async`.
      code: runDecl + 'const later = (): PromiseLike<void> => Promise.resolve();\nrun(later);',
      errors: [{ messageId: 'voidArgument', line: 3, column: 5 }],
    },
    {
      code: 'declare const pick: boolean;\n' + runDecl + 'run(pick ? async () => {} : () => {});\nrun(undefined ?? (async () => {}));',
      errors: [
        { messageId: 'voidArgument', line: 3, column: 12 },
        { messageId: 'voidArgument', line: 4, column: 19 },
      ],
    },
    {
      // Rest parameters: an array of callbacks and a tuple.
      code: 'function all(...cbs: Array<() => void>) {}\nall(() => {}, async () => {});\nfunction pair(...args: [string, () => void]) {}\npair("a", async () => {});',
      errors: [
        { messageId: 'voidArgument', line: 2, column: 15 },
        { messageId: 'voidArgument', line: 4, column: 11 },
      ],
    },
    {
      // An argument after a spread: its parameter is only known through the contextual type.
      code: 'function all(...cbs: Array<() => void>) {}\ndeclare const more: Array<() => void>;\nall(...more, async () => {});',
      errors: [{ messageId: 'voidArgument', line: 3, column: 14 }],
    },
    {
      // A reference in a branch of the value: `??`, `||`, a conditional, the right of `&&`.
      code: 'declare const maybe: (() => void) | undefined;\ndeclare const cond: boolean;\nconst handler = async () => { await Promise.resolve(); };\nfunction noop(): void {}\n[1].forEach(handler ?? noop);\n[1].forEach(cond ? handler : noop);\nsetTimeout(maybe || handler, 1);\n[1].forEach(maybe ?? noop);',
      errors: [
        { messageId: 'voidArgument', line: 5, column: 13 },
        { messageId: 'voidArgument', line: 6, column: 20 },
        { messageId: 'voidArgument', line: 7, column: 21 },
      ],
    },
    {
      // An auto-accessor's initialiser is a class property's.
      code: 'class A { accessor acc: () => void = async () => {}; static accessor s: () => void = async () => {}; }',
      errors: [
        { messageId: 'voidProperty', line: 1, column: 38, data: { fn: 'Async function', name: '`acc`' } },
        { messageId: 'voidProperty', line: 1, column: 86, data: { fn: 'Async function', name: '`s`' } },
      ],
    },
    {
      // A callee with no name is still reported.
      code: runDecl + '[run][0](async () => {});',
      errors: [{ messageId: 'voidArgument', line: 2, column: 10, data: { fn: 'Async function', callee: 'the callee' } }],
    },
    {
      code: 'const o: { cb: () => void } = { cb: async () => {} };\nconst p: { cb(): void } = { async cb() {} };\ndeclare const h: () => Promise<void>;\nconst q: { h: () => void } = { h };',
      errors: [
        { messageId: 'voidProperty', line: 1, column: 37, data: { fn: 'Async function', name: '`cb`' } },
        { messageId: 'voidProperty', line: 2, column: 29 },
        { messageId: 'voidProperty', line: 4, column: 32, data: { fn: 'Promise-returning function `h`', name: '`h`' } },
      ],
    },
    {
      code: 'class A {\n  cb: () => void = async () => {};\n  static on: () => void = () => Promise.resolve();\n}',
      errors: [
        { messageId: 'voidProperty', line: 2, column: 20 },
        { messageId: 'voidProperty', line: 3, column: 27 },
      ],
    },
    {
      code: 'const cb: () => void = async () => {};\nlet c2: () => void;\nc2 = async () => {};\nconst hs: Array<() => void> = [async () => {}];\nconst o = { cb: () => {} };\no.cb = async () => {};',
      errors: [
        { messageId: 'voidVariable', line: 1, column: 24, data: { fn: 'Async function', name: '`cb`' } },
        { messageId: 'voidVariable', line: 3, column: 6, data: { fn: 'Async function', name: '`c2`' } },
        { messageId: 'voidVariable', line: 4, column: 32, data: { fn: 'Async function', name: 'an array element' } },
        { messageId: 'voidVariable', line: 6, column: 8, data: { fn: 'Async function', name: '`o.cb`' } },
      ],
    },
    {
      code: 'function make(): () => void { return async () => {}; }\nconst mk = (): (() => void) => async () => {};\ntype Factory = () => () => void;\nconst f: Factory = () => async () => {};',
      errors: [
        { messageId: 'voidReturn', line: 1, column: 38 },
        { messageId: 'voidReturn', line: 2, column: 32 },
        { messageId: 'voidReturn', line: 4, column: 26 },
      ],
    },
    {
      code: jsx + 'const a = <button onClick={async () => {}} />;',
      filename: 'react.tsx',
      errors: [
        { messageId: 'voidAttribute', line: 3, column: 28, data: { fn: 'Async function', name: '`onClick`' } },
      ],
    },
    {
      code: jsx + 'function Button(props: { onPress: () => void }) { return null; }\nasync function save() {}\nconst a = <Button onPress={save} />;',
      filename: 'react.tsx',
      errors: [{ messageId: 'voidAttribute', line: 5, column: 28, data: { fn: 'Async function `save`', name: '`onPress`' } }],
    },
    {
      // Optional calls and `<T>` assertions around an inline function.
      code: runDecl + 'run?.(async () => {});\nrun(<() => Promise<void>>(async () => {}));',
      errors: [
        { messageId: 'voidArgument', line: 2, column: 7 },
        { messageId: 'voidArgument', line: 3, column: 5 },
      ],
    },
    {
      // Only the listed callee is ignored.
      code: runDecl + 'function other(cb: () => void) {}\nrun(async () => {});\nother(async () => {});',
      options: [{ ignoredCallees: ['run'] }],
      errors: [{ messageId: 'voidArgument', line: 4, column: 7 }],
    },
  ],
});

untypedRuleTester().run('no-async-void-callback (untyped)', rule, {
  valid: [
    'xs.map(async (x) => x);',
    "emitter.on('x', () => {});",
    'run(async () => {});',
    "emitter.on(async () => {});",
    'function setTimeout(cb) {}\nsetTimeout(async () => {});',
    'const Promise = class {};\nnew Promise(async () => {});',
    'let h = async () => {};\nxs.forEach(h);',
    "import { h } from './h';\nxs.forEach(h);",
    'function h() {}\nh = async () => {};\nxs.forEach(h);',
    'function h() {}\nxs.forEach(h);',
    // What only types know is out of reach without them.
    'const cb: () => void = async () => {};',
    'xs.forEach(() => fetch(x));',
    'xs.forEach(async function* () {});',
    'xs.forEach(...cbs);',
    "emitter.on('x', ...handlers);",
    'xs.forEach();',
    'new Promise;',
    'xs[forEach](async () => {});',
    'setTimeout(...[async () => {}]);',
    { code: 'class A { #xs = []; m() { this.#xs.forEach(() => {}); } }' },
    { code: 'const el = <button onClick={async () => {}} />;', languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { code: 'xs.forEach(async () => {});', options: [{ ignoredCallees: ['forEach'] }] },
    'new (Promise as any)(async () => {});\nconst o = { [k]() { return Promise.resolve(); }, async *g() {} };\nxs.forEach((async) => async);\nnew Promise(async);',
    { code: 'const x = <a {...props} xlink:href={async () => {}}>{async () => {}}</a>;', languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    "emitter.on('x', async (user) => {\n  try {\n    await audit(user);\n  } catch (err) {\n    log.error(err);\n    failures += 1;\n  }\n});",
    'const guarded = async () => { try { await x(); } catch (e) { log?.(e); } };\nxs.forEach(guarded);',
    'const process = { nextTick() {} };\nprocess.nextTick(async () => {});',
    "import process from './process';\nprocess.nextTick(async () => {});",
    'async function watch(onChange) { setTimeout(onChange, 10); }\nasync function all({ each }) { xs.forEach(each); }',
  ],
  invalid: [
    {
      code: "process.nextTick(async () => {});\nconst p = require('node:process');\np.nextTick(async () => {});",
      errors: [
        { messageId: 'voidArgument', line: 1, column: 18, data: { fn: 'Async function', callee: '`nextTick`' } },
        { messageId: 'voidArgument', line: 3, column: 12 },
      ],
    },
    {
      // A guarded executor still takes `async` where `new Promise` expects a plain function.
      code: "emitter.on('x', async () => { try { await x(); } finally { await y(); } });\nnew Promise(async (resolve, reject) => { try { resolve(await x()); } catch (e) { reject(e); } });",
      errors: [
        { messageId: 'voidArgument', line: 1, column: 17 },
        { messageId: 'promiseExecutor', line: 2, column: 13, suggestions: [] },
      ],
    },
    {
      code: 'xs.forEach(async (x) => {});',
      errors: [{ messageId: 'voidArgument', line: 1, column: 12, data: { fn: 'Async function', callee: '`forEach`' }, suggestions: [] }],
    },
    {
      code: "emitter.on('data', async () => {});\nemitter.once('d', async () => {});\nemitter.addListener('d', async () => {});\nemitter.prependListener('d', async () => {});\nemitter.prependOnceListener('d', async () => {});",
      errors: [
        { messageId: 'voidArgument', line: 1, column: 20 },
        { messageId: 'voidArgument', line: 2, column: 19 },
        { messageId: 'voidArgument', line: 3, column: 26 },
        { messageId: 'voidArgument', line: 4, column: 30 },
        { messageId: 'voidArgument', line: 5, column: 34 },
      ],
    },
    {
      code: "process.on('exit', async function () {});",
      errors: [{ messageId: 'voidArgument', line: 1, column: 20 }],
    },
    {
      code: 'setTimeout(async () => {});\nsetInterval(async () => {}, 5);\nsetImmediate(async () => {});\nqueueMicrotask(async () => {});',
      errors: [
        { messageId: 'voidArgument', line: 1, column: 12 },
        { messageId: 'voidArgument', line: 2, column: 13 },
        { messageId: 'voidArgument', line: 3, column: 14 },
        { messageId: 'voidArgument', line: 4, column: 16 },
      ],
    },
    {
      code: 'new Promise(async (resolve) => { resolve(1); });',
      errors: [
        {
          messageId: 'promiseExecutor',
          line: 1,
          column: 13,
          suggestions: [{ messageId: 'suggestRemoveAsync', output: 'new Promise((resolve) => { resolve(1); });' }],
        },
      ],
    },
    {
      code: 'new Promise(async (resolve) => {\n  for await (const x of xs) resolve(x);\n});',
      errors: [{ messageId: 'promiseExecutor', line: 1, column: 13, suggestions: [] }],
    },
    {
      // Async functions declared in the file, resolved through scope (hoisting included).
      code: "async function h() {}\nxs.forEach(h);\nconst k = async () => {};\nemitter.on('x', k);\nxs.forEach(later);\nasync function later() {}\nconst fe = async function () {};\nsetTimeout(fe);\nnew Promise(h);",
      errors: [
        { messageId: 'voidArgument', line: 2, column: 12, data: { fn: 'Async function `h`', callee: '`forEach`' } },
        { messageId: 'voidArgument', line: 4, column: 17 },
        { messageId: 'voidArgument', line: 5, column: 12 },
        { messageId: 'voidArgument', line: 8, column: 12 },
        { messageId: 'promiseExecutor', line: 9, column: 13, suggestions: [] },
      ],
    },
    {
      code: 'a?.forEach(async () => {});\nthis.items.forEach(async (item) => { await item; });',
      errors: [
        { messageId: 'voidArgument', line: 1, column: 12 },
        { messageId: 'voidArgument', line: 2, column: 20 },
      ],
    },
    {
      // A `thisArg` and optional calls do not hide the callback.
      code: 'xs.forEach(async (x) => {}, thisArg);\nsetTimeout?.(async () => {});',
      errors: [
        { messageId: 'voidArgument', line: 1, column: 12 },
        { messageId: 'voidArgument', line: 2, column: 14 },
      ],
    },
    {
      // Nested callbacks are each judged on their own.
      code: 'setTimeout(() => {\n  xs.forEach(async () => {\n    setImmediate(async () => {});\n  });\n});',
      errors: [
        { messageId: 'voidArgument', line: 2, column: 14 },
        { messageId: 'voidArgument', line: 3, column: 18 },
      ],
    },
  ],
});

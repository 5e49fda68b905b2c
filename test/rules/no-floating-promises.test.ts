import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds, type Options } from '../../rules/no-floating-promises';
import { typedRuleTester, untypedRuleTester } from './rule-tester';

type Valid = ValidTestCase<[Options]> | string;
type Invalid = InvalidTestCase<MessageIds, [Options]>;

// Declarations go after the code under test, so line and column numbers read as written.
const DECLS = `
declare function fetchX(): Promise<string>;
declare function syncFn(): number;
declare var api: { fetchX(): Promise<void>; sync(): void };
declare var maybeApi: { fetchX(): Promise<void> } | undefined;
declare var cond: boolean;
declare var xs: number[];
declare var logger: { fireAndForget(): Promise<void> };
`;

const TS_CATCH = '.catch((error: unknown) => { console.error(error); })';
const JS_CATCH = '.catch((error) => { console.error(error); })';

type Suggestion = { messageId: MessageIds; output: string };

/**
 * The suggestions for a dropped expression `target` (its last occurrence in `code`): `await` inside async
 * functions, `.catch(...)`, `void`; `wrap` when the expression needs parentheses first.
 */
function dropSuggestions(
  code: string,
  target: string,
  { inAsync = false, wrap = false, js = false }: { inAsync?: boolean; wrap?: boolean; js?: boolean } = {},
): Suggestion[] {
  const at = code.lastIndexOf(target);
  const replace = (text: string) => code.slice(0, at) + text + code.slice(at + target.length);
  const operand = wrap ? `(${target})` : target;
  const result: Suggestion[] = [];
  if (inAsync) result.push({ messageId: 'suggestAwait', output: replace(`await ${operand}`) });
  result.push({ messageId: 'suggestCatch', output: replace(`${operand}${js ? JS_CATCH : TS_CATCH}`) });
  result.push({ messageId: 'suggestVoid', output: replace(`void ${operand}`) });
  return result;
}

function withDecls(test: Invalid): Invalid {
  return {
    ...test,
    code: test.code + DECLS,
    errors: test.errors.map((error) => ({
      ...error,
      suggestions: error.suggestions?.map((s) => ({ ...s, output: s.output + DECLS })),
    })),
  };
}

const typedValid: Valid[] = [
  // The left of `&&` is its value only when falsy, which a promise never is: a promise only read there is tested.
  'declare const pending: Promise<void> | undefined;\npending && syncFn();\napi && maybeApi?.fetchX && syncFn();',
  'async function f() { await fetchX(); }',
  'function f() { return fetchX(); }',
  'fetchX().catch(() => {});',
  'fetchX().then(() => {}, () => {});',
  'void fetchX();',
  'const handler = (e: unknown) => {}; fetchX().catch(handler);',
  'fetchX().then(...([] as [])); ',
  'syncFn();',
  'api.sync();',
  'fetchX().catch(() => {}).finally(() => {});',
  'cond ? fetchX().catch(() => {}) : undefined;',
  'let q: Promise<string>; q = fetchX();',
  '"use strict"; syncFn();',
  'async function f() { await Promise.all(xs.map(async (x) => x)); }',
  'async function f() { return await fetchX().then((s) => s.length); }',
  // Stored promises that are used afterwards.
  'async function f() { const p = fetchX(); syncFn(); await p; }',
  'function f() { const p = fetchX(); return p; }',
  'function f(g: (p: Promise<string>) => void) { const p = fetchX(); g(p); }',
  'function f() { const p = fetchX(); p.catch(() => {}); }',
  'function f() { const p = fetchX(); return () => p; }',
  'function f() { const p = fetchX(); return { data: p }; }',
  'const p = fetchX(); export { p };',
  'export const exported = fetchX();',
  'function f() { const n = syncFn(); }',
  'function f() { const p = fetchX().catch(() => {}); }',
  'function f() { const p = fetchX(); void p; }',
  { code: 'function f() { const p = fetchX(); }', options: [{ checkStoredPromises: false }] },
  // node:test runs what test(), describe(), it() and suite() return itself.
  "import { describe, it, test, suite } from 'node:test';\ndescribe('a', () => { it('b', () => {}); });\ntest('c', () => {});\nsuite('d', () => {});",
  "import test from 'node:test';\ntest.skip('x', () => {});\ntest.describe('y', () => {});\ntest.only('z');",
  "import { it as spec, describe } from 'node:test';\nspec.only('x', () => {});\ndescribe.todo('later');",
  "import * as nodeTest from 'node:test';\nnodeTest.it('x', () => {});\nnodeTest.describe.skip('y');",
  // Allow lists in typescript-eslint's TypeOrValueSpecifier format.
  { code: 'declare function safe(): Promise<void>;\nsafe();', options: [{ allowForKnownSafeCalls: [{ from: 'file', name: 'safe' }] }] },
  { code: 'logger.fireAndForget();', options: [{ allowForKnownSafeCalls: ['fireAndForget'] }] },
  {
    code: 'type SafePromise = Promise<void> & { __brand?: "safe" };\ndeclare function quiet(): SafePromise;\nquiet();',
    options: [{ allowForKnownSafePromises: [{ from: 'file', name: 'SafePromise' }] }],
  },
  { code: '(async () => { await fetchX(); })();', options: [{ ignoreIIFE: true }] },
  { code: 'declare const pl: PromiseLike<void>;\npl;', options: [{ checkThenables: false }] },
  'declare const custom: { then(a: () => void, b: () => void): void };\ncustom;',
  // A class that only `implements PromiseLike` has no PromiseLike base type: it takes checkThenables: true.
  'declare class Lazy implements PromiseLike<number> {\n  then<A = number, B = never>(ok?: ((v: number) => A) | null, fail?: ((e: unknown) => B) | null): PromiseLike<A | B>;\n}\ndeclare const lazy: Lazy;\nlazy;',
  'declare const oneArgThen: { then(a: () => void): void };\noneArgThen;',
  { code: 'declare const oneArgThen: { then(a: () => void): void };\noneArgThen;', options: [{ checkThenables: true }] },
  'declare const anyValue: any;\nanyValue;\nanyValue.then(() => {});',
  "import nodeTest = require('node:test');\nnodeTest('x', () => {});\nnodeTest.describe('y', () => {});",
  {
    code: "import { it } from 'node:test';\nit('x', () => {});",
    options: [{ allowNodeTestCalls: false, allowForKnownSafeCalls: [{ from: 'package', name: ['it'], package: 'node:test' }] }],
  },
  {
    code: "import { test } from 'node:test';\nexport const t = test;\nt.skip('re-exported');",
  },
  'function f() { let p = fetchX(); p = fetchX(); return p; }',
  'function f() { let p: Promise<string> | undefined = fetchX(); p = undefined; }',
  'declare module "ambient" { export function later(): Promise<void>; }\ndeclare global { var queued: Promise<void> }',
  'async function* gen() { yield fetchX(); }',
  'class Store { pending = fetchX(); save() { return this.pending; } }',
  'async function f() { await using res = { async [Symbol.asyncDispose]() {} }; }',
  { code: 'function View() { const p = fetchX(); return <div data-p={p} onClick={() => void fetchX()} />; }', filename: 'react.tsx' },
  "declare const em: { on(e: string, f: () => void): this };\nem.on('x', () => {}).on('y', () => {});",
  'declare function generic<T>(x: T): void;\ngeneric(fetchX());',
  'class Base { constructor(readonly p: Promise<void>) {} }\nclass Derived extends Base { constructor() { super(fetchX().then(() => {})); } }',
  'function* saga() { yield fetchX(); }',
  'enum E { A }\nE.A;\nnew Date();\nsyncFn() as unknown;\n`${fetchX()}`;\n!fetchX();',
];

const typedInvalidCases: Invalid[] = [
  {
    code: 'fetchX();',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        endColumn: 9,
        data: { what: 'Promise returned by `fetchX()`' },
        suggestions: [
          { messageId: 'suggestCatch', output: `fetchX()${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'void fetchX();' },
        ],
      },
    ],
  },
  {
    code: 'async function f() {\n  fetchX();\n}',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'suggestAwait', output: 'async function f() {\n  await fetchX();\n}' },
          { messageId: 'suggestCatch', output: `async function f() {\n  fetchX()${TS_CATCH};\n}` },
          { messageId: 'suggestVoid', output: 'async function f() {\n  void fetchX();\n}' },
        ],
      },
    ],
  },
  {
    code: 'api.fetchX();',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        data: { what: 'Promise returned by `api.fetchX()`' },
        suggestions: [
          { messageId: 'suggestCatch', output: `api.fetchX()${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'void api.fetchX();' },
        ],
      },
    ],
  },
  {
    code: 'maybeApi?.fetchX();',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        data: { what: 'Promise returned by `maybeApi.fetchX()`' },
        suggestions: [
          { messageId: 'suggestCatch', output: `maybeApi?.fetchX()${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'void maybeApi?.fetchX();' },
        ],
      },
    ],
  },
  {
    code: 'new Promise<void>((resolve) => resolve());',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        data: { what: 'Promise created by `new Promise()`' },
        suggestions: [
          { messageId: 'suggestCatch', output: `new Promise<void>((resolve) => resolve())${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'void new Promise<void>((resolve) => resolve());' },
        ],
      },
    ],
  },
  {
    code: 'cond ? fetchX() : undefined;',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        data: { what: 'This promise' },
        // `(cond ? fetchX() : undefined).catch` would throw when cond is false: `?.catch`.
        suggestions: [
          { messageId: 'suggestCatch', output: `(cond ? fetchX() : undefined)${TS_CATCH.replace('.catch', '?.catch')};` },
          { messageId: 'suggestVoid', output: 'void (cond ? fetchX() : undefined);' },
        ],
      },
    ],
  },
  {
    code: 'async function f() {\n  cond && fetchX();\n}',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'suggestAwait', output: 'async function f() {\n  await (cond && fetchX());\n}' },
          { messageId: 'suggestVoid', output: 'async function f() {\n  void (cond && fetchX());\n}' },
        ],
      },
    ],
  },
  {
    // Every branch a promise: the whole expression takes `.catch(…)`.
    code: 'async function f() {\n  cond ? fetchX() : api.fetchX();\n}',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'suggestAwait', output: 'async function f() {\n  await (cond ? fetchX() : api.fetchX());\n}' },
          { messageId: 'suggestCatch', output: `async function f() {\n  (cond ? fetchX() : api.fetchX())${TS_CATCH};\n}` },
          { messageId: 'suggestVoid', output: 'async function f() {\n  void (cond ? fetchX() : api.fetchX());\n}' },
        ],
      },
    ],
  },
  {
    // `Promise.all(cond ? … : 0)` would throw when cond is false; both branches arrays of promises may take it.
    code: 'async function f() {\n  cond ? xs.map(async () => {}) : 0;\n  cond ? xs.map(fetchX) : [fetchX()];\n}',
    errors: [
      { messageId: 'floatingArray', line: 2, column: 3, suggestions: [{ messageId: 'suggestVoid', output: 'async function f() {\n  void (cond ? xs.map(async () => {}) : 0);\n  cond ? xs.map(fetchX) : [fetchX()];\n}' }] },
      {
        messageId: 'floatingArray',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'suggestAwaitAll', output: 'async function f() {\n  cond ? xs.map(async () => {}) : 0;\n  await Promise.all(cond ? xs.map(fetchX) : [fetchX()]);\n}' },
          { messageId: 'suggestVoid', output: 'async function f() {\n  cond ? xs.map(async () => {}) : 0;\n  void (cond ? xs.map(fetchX) : [fetchX()]);\n}' },
        ],
      },
    ],
  },
  {
    code: '(syncFn(), fetchX());',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 12,
        suggestions: [
          { messageId: 'suggestCatch', output: `(syncFn(), fetchX()${TS_CATCH});` },
          { messageId: 'suggestVoid', output: '(syncFn(), void fetchX());' },
        ],
      },
    ],
  },
  {
    code: 'fetchX(), api.fetchX();',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        suggestions: [
          { messageId: 'suggestCatch', output: `fetchX()${TS_CATCH}, api.fetchX();` },
          { messageId: 'suggestVoid', output: 'void fetchX(), api.fetchX();' },
        ],
      },
      {
        messageId: 'floating',
        line: 1,
        column: 11,
        suggestions: [
          { messageId: 'suggestCatch', output: `fetchX(), api.fetchX()${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'fetchX(), void api.fetchX();' },
        ],
      },
    ],
  },
  {
    code: '[fetchX(), fetchX()];',
    errors: [
      {
        messageId: 'floatingArray',
        line: 1,
        column: 1,
        data: { what: 'This array of promises' },
        suggestions: [{ messageId: 'suggestVoid', output: 'void [fetchX(), fetchX()];' }],
      },
    ],
  },
  {
    code: 'async function f() {\n  xs.map(async (x) => x);\n}',
    errors: [
      {
        messageId: 'floatingArray',
        line: 2,
        column: 3,
        data: { what: 'Array of promises returned by `xs.map()`' },
        suggestions: [
          { messageId: 'suggestAwaitAll', output: 'async function f() {\n  await Promise.all(xs.map(async (x) => x));\n}' },
          { messageId: 'suggestVoid', output: 'async function f() {\n  void xs.map(async (x) => x);\n}' },
        ],
      },
    ],
  },
  {
    code: 'async function f() {\n  await xs.map(async (x) => x);\n}',
    errors: [
      {
        messageId: 'floatingAwaitedArray',
        line: 2,
        data: { what: 'Array of promises returned by `xs.map()`' },
        column: 3,
        suggestions: [
          { messageId: 'suggestAwaitAll', output: 'async function f() {\n  await Promise.all(xs.map(async (x) => x));\n}' },
        ],
      },
    ],
  },
  {
    code: 'declare const pair: [number, Promise<void>];\npair;',
    errors: [
      {
        messageId: 'floatingArray',
        line: 2,
        column: 1,
        data: { what: 'Array of promises `pair`' },
        suggestions: [{ messageId: 'suggestVoid', output: 'declare const pair: [number, Promise<void>];\nvoid pair;' }],
      },
    ],
  },
  {
    // A promise read on the left of `&&` is tested, not dropped; the right side is judged; a call on the left is dropped.
    code: 'declare const pending: Promise<void> | undefined;\npending && pending.then(() => {});\nfetchX() && syncFn();',
    errors: [
      // No `.catch(…)`: `(pending && pending.then(…)).catch` throws when pending is undefined.
      { messageId: 'floatingMissingHandler', line: 2, column: 1, data: { what: 'This promise', method: 'then' }, suggestions: [{ messageId: 'suggestVoid', output: 'declare const pending: Promise<void> | undefined;\nvoid (pending && pending.then(() => {}));\nfetchX() && syncFn();' }] },
      { messageId: 'floating', line: 3, column: 1, suggestions: [{ messageId: 'suggestVoid', output: 'declare const pending: Promise<void> | undefined;\npending && pending.then(() => {});\nvoid (fetchX() && syncFn());' }] },
    ],
  },
  {
    // Typed `any`, proven a promise by syntax (a local async arrow): `.catch` as for any promise.
    code: 'const fn: any = async () => {};\nasync function f() {\n  fn();\n}',
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'suggestAwait', output: 'const fn: any = async () => {};\nasync function f() {\n  await fn();\n}' },
          { messageId: 'suggestCatch', output: `const fn: any = async () => {};\nasync function f() {\n  fn()${TS_CATCH};\n}` },
          { messageId: 'suggestVoid', output: 'const fn: any = async () => {};\nasync function f() {\n  void fn();\n}' },
        ],
      },
    ],
  },
  {
    // `Promise.all(undefined)` throws: an array of promises that may be undefined gets no Promise.all suggestion.
    code: 'declare const maybeTasks: Promise<void>[] | undefined;\nasync function f() {\n  maybeTasks;\n}',
    errors: [
      {
        messageId: 'floatingArray',
        line: 3,
        column: 3,
        suggestions: [{ messageId: 'suggestVoid', output: 'declare const maybeTasks: Promise<void>[] | undefined;\nasync function f() {\n  void maybeTasks;\n}' }],
      },
    ],
  },
  {
    code: 'fetchX().then(() => {});',
    errors: [
      {
        messageId: 'floatingMissingHandler',
        line: 1,
        column: 1,
        data: { what: 'Promise returned by `fetchX().then()`', method: 'then' },
        suggestions: [
          { messageId: 'suggestCatch', output: `fetchX().then(() => {})${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'void fetchX().then(() => {});' },
        ],
      },
    ],
  },
  {
    code: 'fetchX().catch();',
    errors: [
      {
        messageId: 'floatingMissingHandler',
        line: 1,
        column: 1,
        data: { what: 'Promise returned by `fetchX().catch()`', method: 'catch' },
        suggestions: dropSuggestions('fetchX().catch();', 'fetchX().catch()'),
      },
    ],
  },
  {
    code: 'fetchX().then(() => {}, null);',
    errors: [
      {
        messageId: 'floatingUselessHandler',
        line: 1,
        column: 1,
        data: { what: 'Promise returned by `fetchX().then()`', method: 'then' },
        suggestions: dropSuggestions('fetchX().then(() => {}, null);', 'fetchX().then(() => {}, null)'),
      },
    ],
  },
  {
    code: 'declare const notAFunction: number;\nfetchX().catch(notAFunction as never);',
    errors: [
      {
        messageId: 'floatingUselessHandler',
        line: 2,
        column: 1,
        suggestions: dropSuggestions(
          'declare const notAFunction: number;\nfetchX().catch(notAFunction as never);',
          'fetchX().catch(notAFunction as never)',
        ),
      },
    ],
  },
  {
    code: 'fetchX().finally(() => {});',
    errors: [
      {
        messageId: 'floatingFinally',
        line: 1,
        column: 1,
        data: { what: 'Promise returned by `fetchX().finally()`' },
        suggestions: dropSuggestions('fetchX().finally(() => {});', 'fetchX().finally(() => {})'),
      },
    ],
  },
  {
    code: 'fetchX().catch(() => {}).then(() => {});',
    errors: [
      {
        messageId: 'floatingMissingHandler',
        line: 1,
        column: 1,
        suggestions: dropSuggestions('fetchX().catch(() => {}).then(() => {});', 'fetchX().catch(() => {}).then(() => {})'),
      },
    ],
  },
  {
    code: '(async () => {\n  await fetchX();\n})();',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        endLine: 3,
        data: { what: 'Promise returned by this immediately invoked function' },
        suggestions: [
          { messageId: 'suggestCatch', output: `(async () => {\n  await fetchX();\n})()${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'void (async () => {\n  await fetchX();\n})();' },
        ],
      },
    ],
  },
  {
    code: 'void fetchX();',
    options: [{ ignoreVoid: false }],
    errors: [{ messageId: 'floating', line: 1, column: 1, data: { what: 'Promise returned by `fetchX()`' }, suggestions: [] }],
  },
  {
    code: 'async function f() {\n  void fetchX();\n}',
    options: [{ ignoreVoid: false }],
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: [{ messageId: 'suggestAwait', output: 'async function f() {\n  await fetchX();\n}' }],
      },
    ],
  },
  {
    code: 'const g = () => void fetchX();',
    options: [{ ignoreVoid: false, checkStoredPromises: false }],
    errors: [{ messageId: 'floating', line: 1, column: 17, suggestions: [] }],
  },
  {
    code: 'fetchX() as unknown;',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        suggestions: [
          { messageId: 'suggestCatch', output: `fetchX()${TS_CATCH} as unknown;` },
          { messageId: 'suggestVoid', output: 'void (fetchX() as unknown);' },
        ],
      },
    ],
  },
  {
    code: 'declare const p: Promise<void>;\np;',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1, data: { what: 'Promise `p`' },
        suggestions: dropSuggestions('declare const p: Promise<void>;\np;', 'p'),
      },
    ],
  },
  {
    code: 'declare const maybe: Promise<void> | undefined;\nmaybe;',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        // `maybe.catch` would throw when it is undefined.
        suggestions: [
          { messageId: 'suggestCatch', output: `declare const maybe: Promise<void> | undefined;\nmaybe${TS_CATCH.replace('.catch', '?.catch')};` },
          { messageId: 'suggestVoid', output: 'declare const maybe: Promise<void> | undefined;\nvoid maybe;' },
        ],
      },
    ],
  },
  {
    code: 'class MyPromise<T> extends Promise<T> {}\ndeclare const mine: MyPromise<void>;\nmine;',
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 1,
        suggestions: dropSuggestions('class MyPromise<T> extends Promise<T> {}\ndeclare const mine: MyPromise<void>;\nmine;', 'mine'),
      },
    ],
  },
  {
    code: 'declare const pl: PromiseLike<void>;\npl;',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        suggestions: dropSuggestions('declare const pl: PromiseLike<void>;\npl;', 'pl'),
      },
    ],
  },
  {
    code: 'interface Query extends PromiseLike<number[]> { where(): Query }\ndeclare const query: Query;\nquery.where();',
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 1,
        data: { what: 'Promise returned by `query.where()`' },
        suggestions: dropSuggestions('\nquery.where();', 'query.where()').map((x) => ({
          ...x,
          output: 'interface Query extends PromiseLike<number[]> { where(): Query }\ndeclare const query: Query;' + x.output,
        })),
      },
    ],
  },
  {
    code: 'declare const custom: { then(a: () => void, b: () => void): void };\ncustom;',
    options: [{ checkThenables: true }],
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        suggestions: dropSuggestions('declare const custom: { then(a: () => void, b: () => void): void };\ncustom;', 'custom'),
      },
    ],
  },
  {
    code: 'declare class Lazy implements PromiseLike<number> {\n  then<A = number, B = never>(ok?: ((v: number) => A) | null, fail?: ((e: unknown) => B) | null): PromiseLike<A | B>;\n}\ndeclare const lazy: Lazy;\nlazy;',
    options: [{ checkThenables: true }],
    errors: [
      {
        messageId: 'floating',
        line: 5,
        column: 1,
        data: { what: 'Promise `lazy`' },
        suggestions: dropSuggestions('declare class Lazy implements PromiseLike<number> {\n  then<A = number, B = never>(ok?: ((v: number) => A) | null, fail?: ((e: unknown) => B) | null): PromiseLike<A | B>;\n}\ndeclare const lazy: Lazy;\nlazy;', 'lazy'),
      },
    ],
  },
  {
    code: 'declare function test(name: string): Promise<void>;\ntest("not node:test");',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        suggestions: dropSuggestions('declare function test(name: string): Promise<void>;\ntest("not node:test");', 'test("not node:test")'),
      },
    ],
  },
  {
    code: 'logger.fireAndForget();\nfetchX();',
    options: [{ allowForKnownSafeCalls: ['fireAndForget'] }],
    errors: [{ messageId: 'floating', line: 2, column: 1, suggestions: dropSuggestions('logger.fireAndForget();\nfetchX();', 'fetchX()') }],
  },
  // A promise kept in a local that nothing uses afterwards.
  {
    code: 'async function f() {\n  const p = fetchX();\n}',
    errors: [
      {
        messageId: 'floatingStored',
        line: 2,
        column: 9,
        endColumn: 10,
        data: { what: 'Promise returned by `fetchX()`', name: 'p' },
        suggestions: [
          { messageId: 'suggestAwait', output: 'async function f() {\n  const p = await fetchX();\n}' },
          { messageId: 'suggestCatch', output: `async function f() {\n  const p = fetchX()${TS_CATCH};\n}` },
        ],
      },
    ],
  },
  {
    code: 'async function f() {\n  const p = fetchX();\n  if (p) syncFn();\n}',
    errors: [
      {
        messageId: 'floatingStored',
        line: 2,
        column: 9,
        suggestions: [
          { messageId: 'suggestCatch', output: `async function f() {\n  const p = fetchX()${TS_CATCH};\n  if (p) syncFn();\n}` },
        ],
      },
    ],
  },
  {
    code: 'function f() {\n  let pending = api.fetchX().then(() => {});\n}',
    errors: [
      {
        messageId: 'floatingStored',
        line: 2,
        column: 7,
        data: { name: 'pending', what: 'Promise returned by `api.fetchX().then()`' },
        suggestions: [
          { messageId: 'suggestCatch', output: `function f() {\n  let pending = api.fetchX().then(() => {})${TS_CATCH};\n}` },
        ],
      },
    ],
  },
  {
    code: 'function f() {\n  const all = xs.map(async (x) => x);\n}',
    errors: [{ messageId: 'floatingStoredArray', line: 2, column: 9, suggestions: [] }],
  },
  {
    code: 'interface Chain extends Promise<void> { also(): this }\ndeclare const chain: Chain;\nchain.also();',
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 1,
        data: { what: 'Promise returned by `chain.also()`' },
        suggestions: dropSuggestions('interface Chain extends Promise<void> { also(): this }\ndeclare const chain: Chain;\nchain.also();', 'chain.also()'),
      },
    ],
  },
  {
    code: 'declare function wrap<T>(x: T): Promise<T>;\nwrap(1);',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        data: { what: 'Promise returned by `wrap()`' },
        suggestions: dropSuggestions('declare function wrap<T>(x: T): Promise<T>;\nwrap(1);', 'wrap(1)'),
      },
    ],
  },
  {
    code: 'for (;;) fetchX();',
    errors: [{ messageId: 'floating', line: 1, column: 10, suggestions: dropSuggestions('for (;;) fetchX();', 'fetchX()') }],
  },
  {
    code: "import { it } from 'node:test';\nit('x', () => {});",
    options: [{ allowNodeTestCalls: false }],
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        data: { what: 'Promise returned by `it()`' },
        suggestions: dropSuggestions("import { it } from 'node:test';\nit('x', () => {});", "it('x', () => {})"),
      },
    ],
  },
  {
    code: 'function View() {\n  fetchX();\n  return <div />;\n}',
    filename: 'react.tsx',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: dropSuggestions('function View() {\n  fetchX();\n  return <div />;\n}', 'fetchX()'),
      },
    ],
  },
  {
    code: 'async function f() {\n  const all = xs.map(async (x) => x);\n}',
    errors: [
      {
        messageId: 'floatingStoredArray',
        line: 2,
        column: 9,
        data: { what: 'Array of promises returned by `xs.map()`', name: 'all' },
        suggestions: [
          { messageId: 'suggestAwaitAll', output: 'async function f() {\n  const all = await Promise.all(xs.map(async (x) => x));\n}' },
        ],
      },
    ],
  },
  {
    code: 'const top = fetchX();',
    errors: [
      {
        messageId: 'floatingStored',
        line: 1,
        column: 7,
        suggestions: [{ messageId: 'suggestCatch', output: `const top = fetchX()${TS_CATCH};` }],
      },
    ],
  },
];
const typedInvalid = typedInvalidCases.map(withDecls);

const untypedValid: Valid[] = [
  'fetchSomething();',
  'foo.then(x);',
  'async function f() {}\nf().catch(() => {});',
  'async function f() {}\nasync function g() { await f(); }',
  'function f() {}\nf();',
  'let h = async () => {};\nh = () => {};\nh();',
  'class Promise {}\nnew Promise();\nPromise.resolve();',
  'Promise.resolve().catch(() => {});',
  'new Promise((r) => r()).then(() => {}, () => {});',
  'items.map((x) => x);',
  'async function f() {}\nvoid f();',
  'const el = <div onClick={() => {}} />;',
  'async function f() {}\nfunction g() { const p = f(); return p; }',
  'async function f() {}\nfunction g() { const p = f(); use(p); }',
  "const { it } = require('node:test');\nit('x', async () => {});",
  { code: 'async function safe() {}\nsafe();', options: [{ allowForKnownSafeCalls: ['safe'] }] },
  { code: 'async function flush() {}\nflush();', options: [{ allowForKnownSafeCalls: [{ from: 'file', name: 'flush' }] }] },
  {
    code: 'class Q {\n  async #drain() {}\n  async run() { this.#drain(); }\n}',
    options: [{ allowForKnownSafeCalls: [{ from: 'file', name: 'drain' }] }],
  },
  'class A { async save() {} static run() { this.save(); } }',
  'class A { async save() {} run() { function inner() { this.save(); } } }',
  'declare function d(): Promise<void>;\nd();',
  'async function* gen() {}\ngen();',
  "const t = require('node:test');\nt('x', () => {});\nt.describe('y', () => {});",
  'declare const x: any;\nx?.y!.z();\n(0, x.y)();\nx`tagged`;\nnew.target;',
  'async function f() {}\nexport default f();',
  'async function f() {}\nconst handlers = { f };\nexport { handlers };',
  'const f = async () => {};\nfunction g() { const f = () => 1; f(); }',
];

const FILE_SPECIFIER_CODE = 'async function flush() {}\nflush();';

const STATICS = 'Promise.resolve(1);\nPromise.reject(new Error("x"));\nPromise.all([]);';

const untypedInvalid: Invalid[] = [
  {
    code: 'async function f() {}\nf();',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        data: { what: 'Promise returned by `f()`' },
        suggestions: [
          { messageId: 'suggestCatch', output: `async function f() {}\nf()${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'async function f() {}\nvoid f();' },
        ],
      },
    ],
  },
  {
    code: 'const g = async () => {};\nfunction h() { g(); }',
    errors: [{ messageId: 'floating', line: 2, column: 16, suggestions: dropSuggestions('const g = async () => {};\nfunction h() { g(); }', 'g()') }],
  },
  {
    code: 'new Promise((r) => r());',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        data: { what: 'Promise created by `new Promise()`' },
        suggestions: dropSuggestions('new Promise((r) => r());', 'new Promise((r) => r())'),
      },
    ],
  },
  {
    code: STATICS,
    errors: [
      { messageId: 'floating', line: 1, column: 1, suggestions: dropSuggestions(STATICS, 'Promise.resolve(1)') },
      { messageId: 'floating', line: 2, column: 1, suggestions: dropSuggestions(STATICS, 'Promise.reject(new Error("x"))') },
      { messageId: 'floating', line: 3, column: 1, suggestions: dropSuggestions(STATICS, 'Promise.all([])') },
    ],
  },
  {
    code: 'Promise.all([]).then(() => {});',
    errors: [
      {
        messageId: 'floatingMissingHandler',
        line: 1,
        column: 1,
        data: { what: 'Promise returned by `Promise.all().then()`', method: 'then' },
        suggestions: dropSuggestions('Promise.all([]).then(() => {});', 'Promise.all([]).then(() => {})'),
      },
    ],
  },
  {
    code: 'Promise.reject(new Error("x")).catch(42);',
    errors: [
      {
        messageId: 'floatingUselessHandler',
        line: 1,
        column: 1,
        data: { what: 'Promise returned by `Promise.reject().catch()`', method: 'catch' },
        suggestions: dropSuggestions('Promise.reject(new Error("x")).catch(42);', 'Promise.reject(new Error("x")).catch(42)'),
      },
    ],
  },
  {
    code: 'Promise.reject(new Error("x")).finally(() => {});',
    errors: [
      {
        messageId: 'floatingFinally',
        line: 1,
        column: 1,
        suggestions: dropSuggestions('Promise.reject(new Error("x")).finally(() => {});', 'Promise.reject(new Error("x")).finally(() => {})'),
      },
    ],
  },
  {
    code: '(async () => {})();',
    errors: [{ messageId: 'floating', line: 1, column: 1, suggestions: dropSuggestions('(async () => {})();', '(async () => {})()') }],
  },
  {
    code: 'async function f() {}\n[f(), f()];\nitems.map(async (x) => x);',
    errors: [
      {
        messageId: 'floatingArray',
        line: 2,
        column: 1,
        suggestions: [{ messageId: 'suggestVoid', output: 'async function f() {}\nvoid [f(), f()];\nitems.map(async (x) => x);' }],
      },
      {
        messageId: 'floatingArray',
        line: 3,
        column: 1,
        suggestions: [{ messageId: 'suggestVoid', output: 'async function f() {}\n[f(), f()];\nvoid items.map(async (x) => x);' }],
      },
    ],
  },
  {
    code: 'class Mailer {\n  async send() {}\n  async run() {\n    this.send();\n  }\n}',
    errors: [
      {
        messageId: 'floating',
        line: 4,
        column: 5,
        data: { what: 'Promise returned by `this.send()`' },
        suggestions: [
          { messageId: 'suggestAwait', output: 'class Mailer {\n  async send() {}\n  async run() {\n    await this.send();\n  }\n}' },
          { messageId: 'suggestCatch', output: `class Mailer {\n  async send() {}\n  async run() {\n    this.send()${TS_CATCH};\n  }\n}` },
          { messageId: 'suggestVoid', output: 'class Mailer {\n  async send() {}\n  async run() {\n    void this.send();\n  }\n}' },
        ],
      },
    ],
  },
  {
    code: 'class Q { static async #flush() {} static { this.#flush(); } }',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 45,
        data: { what: 'Promise returned by `this.#flush()`' },
        suggestions: dropSuggestions('class Q { static async #flush() {} static { this.#flush(); } }', 'this.#flush()'),
      },
    ],
  },
  {
    code: 'async function f() {}\nfunction g() {\n  const p = f();\n}',
    errors: [
      {
        messageId: 'floatingStored',
        line: 3,
        column: 9,
        data: { name: 'p', what: 'Promise returned by `f()`' },
        suggestions: [{ messageId: 'suggestCatch', output: `async function f() {}\nfunction g() {\n  const p = f()${TS_CATCH};\n}` }],
      },
    ],
  },
  {
    code: 'async function f() {}\ncond ? f() : null;',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        suggestions: [
          { messageId: 'suggestCatch', output: `async function f() {}\n(cond ? f() : null)${TS_CATCH.replace('.catch', '?.catch')};` },
          { messageId: 'suggestVoid', output: 'async function f() {}\nvoid (cond ? f() : null);' },
        ],
      },
    ],
  },
  {
    code: 'async function f() {}\nf();',
    filename: 'file.js',
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        suggestions: [
          { messageId: 'suggestCatch', output: `async function f() {}\nf()${JS_CATCH};` },
          { messageId: 'suggestVoid', output: 'async function f() {}\nvoid f();' },
        ],
      },
    ],
  },
  {
    code: 'const t = async () => {};\nexport function g() {\n  let p = t();\n  if (!p) return;\n}',
    errors: [
      {
        messageId: 'floatingStored',
        line: 3,
        column: 7,
        suggestions: [
          {
            messageId: 'suggestCatch',
            output: `const t = async () => {};\nexport function g() {\n  let p = t()${TS_CATCH};\n  if (!p) return;\n}`,
          },
        ],
      },
    ],
  },
  {
    code: FILE_SPECIFIER_CODE,
    options: [{ allowForKnownSafeCalls: [{ from: 'lib', name: 'flush' }] }],
    errors: [{ messageId: 'floating', line: 2, column: 1, suggestions: dropSuggestions(FILE_SPECIFIER_CODE, 'flush()') }],
  },
  {
    code: 'new Promise;',
    errors: [
      {
        messageId: 'floating',
        line: 1,
        column: 1,
        suggestions: [
          { messageId: 'suggestCatch', output: `(new Promise)${TS_CATCH};` },
          { messageId: 'suggestVoid', output: 'void new Promise;' },
        ],
      },
    ],
  },
];

typedRuleTester().run('no-floating-promises (typed)', rule, {
  valid: typedValid.map((test) => (typeof test === 'string' ? test + DECLS : { ...test, code: test.code + DECLS })),
  invalid: typedInvalid,
});

untypedRuleTester().run('no-floating-promises (untyped)', rule, {
  valid: untypedValid.map((test) =>
    typeof test === 'string' && test.includes('<div')
      ? { code: test, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } }
      : test,
  ),
  invalid: untypedInvalid,
});

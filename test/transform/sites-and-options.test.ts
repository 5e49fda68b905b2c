/**
 * The site table (kinds, 1-based positions in the original source, task names, file path) and the
 * plugin options.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import loopwatchTransformer, { createTransformer, LoopwatchOptionsError } from '../../transform/index';
import { emitProgram, fixturesDir, siteTable, transpile } from './harness';

const FUNCTION = 0;
const YIELD = 2;
const AWAITED_CALL = 7;
/** An await of a recorded call, which is the next site. */
const AWAIT_CALL = 13;
/** A for-await over a call's result, which is the next site (kind 7). */
const FOR_AWAIT_CALL = 14;

describe('site table', () => {
  const source = [
    '// line 1',
    'export async function load(id: string) {',
    '  const a = await fetchIt(id);',
    '    return a;',
    '}',
    'async function* stream() {',
    '  yield 1;',
    '  for await (const x of stream()) void x;',
    '}',
    'declare function fetchIt(id: string): Promise<string>;',
  ].join('\n');
  const expected = [
    [FUNCTION, 2, 1, 'load'],
    [AWAIT_CALL, 3, 13, null],
    [AWAITED_CALL, 3, 19, null],
    [FUNCTION, 6, 1, 'stream'],
    [YIELD, 7, 3, null],
    [FOR_AWAIT_CALL, 8, 3, null],
    [AWAITED_CALL, 8, 25, null],
  ];

  it('records kind, 1-based line and column in the original source, and names', () => {
    assert.deepEqual(siteTable(transpile(source)).sites, expected);
  });

  it('is the same with sourceMap and inline source maps on, and with CRLF line endings', () => {
    assert.deepEqual(siteTable(transpile(source, {}, { sourceMap: true })).sites, expected);
    assert.deepEqual(siteTable(transpile(source, {}, { inlineSourceMap: true, inlineSources: true })).sites, expected);
    assert.deepEqual(siteTable(transpile(source.replace(/\n/g, '\r\n'))).sites, expected);
  });

  it('counts no column for a byte-order mark (transpileModule keeps it in the text)', () => {
    const firstLine = 'export async function first() { await fetchIt(\'1\'); }\ndeclare function fetchIt(id: string): Promise<string>;\n';
    assert.deepEqual(siteTable(transpile(`\ufeff${firstLine}`)).sites, siteTable(transpile(firstLine)).sites);
    assert.deepEqual(siteTable(transpile(firstLine)).sites[0], [FUNCTION, 1, 1, 'first']);
  });

  it('names the file relative to the tsconfig folder in a Program', () => {
    const outputs = emitProgram({ 'src/deep/a.ts': 'export async function f() { await 1; }\n' });
    assert.equal(siteTable(outputs['src/deep/a.js']!).file, 'src/deep/a.ts');
  });

  it('names tasks Class.method, object.property, the variable, or <anonymous>', () => {
    const output = transpile(`
class Service {
  async run() {}
  static async create() {}
  async #hidden() {}
  async [Symbol.asyncIterator]() {}
  onEvent = async () => {};
}
const api = { async get() {}, put: async () => {}, del: async function () {} };
const handler = async () => {};
let later;
later = async function named() {};
exports.exported = async () => {};
[1].map(async () => {});
export default async function () {}
const Anonymous = class { async m() {} };
`, { trackCalls: false });
    const names = siteTable(output).sites.filter((s) => s[0] === FUNCTION).map((s) => s[3]);
    assert.deepEqual(names, [
      'Service.run', 'Service.create', 'Service.#hidden', 'Service[Symbol.asyncIterator]', 'Service.onEvent',
      'api.get', 'api.put', 'api.del', 'handler', 'named', 'exports.exported', '<anonymous>', '<anonymous>',
      'Anonymous.m',
    ]);
  });

  it('instruments what a class\'s extends expression and an instantiation expression run, not implements or type arguments', () => {
    const output = transpile([
      'declare function mixin<T>(make: () => Promise<T>): new () => object;',
      'declare function load(): Promise<typeof Base>;',
      'class Base {}',
      'interface Shape { size: number }',
      'export class Loaded extends mixin<number>(async () => { await load(); return 1; }) implements Shape { size = 1; }',
      'export async function define() {',
      '  return class extends (await load()) {};',
      '}',
      'declare function loadGeneric(): Promise<<T>(value: T) => T>;',
      'export async function pick() {',
      '  const id = (await loadGeneric())<string>;',
      '  return id;',
      '}',
    ].join('\n'));
    assert.deepEqual(siteTable(output).sites, [
      [FUNCTION, 5, 43, '<anonymous>'],
      [AWAIT_CALL, 5, 57, null],
      [AWAITED_CALL, 5, 63, null],
      [FUNCTION, 6, 1, 'define'],
      [AWAIT_CALL, 7, 25, null],
      [AWAITED_CALL, 7, 31, null],
      [FUNCTION, 10, 1, 'pick'],
      [AWAIT_CALL, 11, 15, null],
      [AWAITED_CALL, 11, 21, null],
    ]);
    assert.match(output, /extends mixin\(async \(\) => \{\s+const __lwTask = __lw\.enter\(__lwSites \+ 0\);/);
  });
});

describe('options', () => {
  const source = 'export async function f() { await g(); }\ndeclare function g(): Promise<void>;\n';

  it('include and exclude globs match the path relative to the project folder', () => {
    const instrumented = (options: object, file: string) => transpile(source, options, {}, file).includes('__lw.enter');
    assert.equal(instrumented({ include: ['src/**/*.ts'] }, 'src/a/b.ts'), true);
    assert.equal(instrumented({ include: ['src/**/*.ts'] }, 'test/b.ts'), false);
    assert.equal(instrumented({ include: 'src/**' }, 'src/b.ts'), true);
    assert.equal(instrumented({ exclude: ['**/*.test.ts'] }, 'src/b.test.ts'), false);
    assert.equal(instrumented({ include: ['src/**'], exclude: ['src/vendor/**'] }, 'src/vendor/x.ts'), false);
    assert.equal(instrumented({ include: ['src/**'], exclude: ['src/vendor/**'] }, 'src/app.ts'), true);
  });

  it('trackAwaits: false keeps enter/exit and drops park/resume', () => {
    const output = transpile('async function f() { try { await g(); } finally {} }\ndeclare function g(): Promise<void>;', { trackAwaits: false });
    assert.match(output, /__lw\.enter/);
    assert.match(output, /__lw\.exit/);
    assert.doesNotMatch(output, /park|resume|suspend|awaiting|awaited/);
    assert.match(output, /created/);
  });

  it('trackCalls: false drops created(...)', () => {
    const output = transpile(source, { trackCalls: false });
    assert.match(output, /__lw\.awaiting/);
    assert.doesNotMatch(output, /created/);
  });

  it('rejects bad values with a message naming the option', () => {
    const cases: [unknown, RegExp][] = [
      [{ trackAwait: false }, /unknown option "trackAwait" \(known options: include, exclude, trackAwaits, trackCalls\)/],
      [{ trackCalls: 'no' }, /option "trackCalls" must be true or false, got "no"/],
      [{ include: [1] }, /option "include" must be a glob string or an array of non-empty glob strings, got \[1\]/],
      [{ exclude: '' }, /option "exclude" must be/],
      ['src/**', /options must be an object, got "src\/\*\*"/],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => createTransformer(options as never, undefined, ts), (e: Error) => {
        assert.ok(e instanceof LoopwatchOptionsError);
        assert.match(e.message, /^loopwatch\/transform: /);
        assert.match(e.message, message);
        return true;
      });
    }
  });

  it('accepts the keys ts-patch itself reads in a plugin entry', () => {
    assert.doesNotThrow(() => loopwatchTransformer(undefined, { transform: 'loopwatch/transform', after: false, import: 'default' } as never, { ts }));
  });

  it('is the default export ts-patch calls: (program, config, extras) => TransformerFactory', () => {
    const factory = loopwatchTransformer(undefined, { trackCalls: false }, { ts });
    const output = ts.transpileModule(source, {
      fileName: 'src/a.ts',
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
      transformers: { before: [factory] },
    }).outputText;
    assert.match(output, /__lw\.enter/);
    assert.doesNotMatch(output, /created/);
  });

  it('explains a typescript copy mismatch instead of emitting garbage', () => {
    const other = { ...ts, SyntaxKind: { ...ts.SyntaxKind, SourceFile: -1, Bundle: -2 }, isSourceFile: () => false } as unknown as typeof ts;
    assert.throws(() => ts.transpileModule(source, { transformers: { before: [createTransformer({}, undefined, other)] } }),
      /another copy of typescript is compiling; pass it as the third argument of createTransformer\(\)/);
  });

  it('names TypeScript 7 and the way out when handed its JavaScript-API-less `typescript` package', () => {
    // What `require("typescript")` returns for typescript@7.0.2 (its lib/version.cjs).
    const native = { version: '7.0.2', versionMajorMinor: '7.0' } as unknown as typeof ts;
    for (const make of [() => createTransformer({}, undefined, native), () => loopwatchTransformer(undefined, {}, { ts: native })]) {
      assert.throws(make, (e: Error) => {
        assert.equal(e.constructor, Error);
        assert.equal(e.message, 'loopwatch/transform: typescript 7.0.2 is the native compiler and has no JavaScript compiler API; '
          + 'the transform needs TypeScript 5.x or 6.0 installed beside it (docs/compatibility.md, "TypeScript 7"), '
          + 'passed as the third argument of createTransformer() if `require("typescript")` is TypeScript 7');
        return true;
      });
    }
  });

  it('says what is missing when handed something that is no compiler module', () => {
    for (const [given, named] of [[{}, 'typescript '], [{ version: '5.9.3', SyntaxKind: {} }, 'typescript (version 5.9.3) ']] as const) {
      assert.throws(() => createTransformer({}, undefined, given as unknown as typeof ts),
        { message: `loopwatch/transform: the module given as ${named}has no compiler API (no SyntaxKind, forEachChild or visitEachChild); pass the \`typescript\` module itself` });
    }
  });
});

describe('broken input', () => {
  it('never throws on code with syntax errors (every fixture cut and spliced at 7 places)', () => {
    const dir = path.join(fixturesDir, 'behaviour');
    let inputs = 0;
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (let i = 1; i < 8; i++) {
        const cut = Math.floor((i / 8) * text.length);
        for (const broken of [text.slice(0, cut), text.slice(cut), text.slice(0, cut) + text.slice(cut + 7)]) {
          inputs++;
          assert.doesNotThrow(() => transpile(broken, {}, { allowJs: true }, file), `${file} at ${cut}`);
        }
      }
    }
    assert.ok(inputs > 400);
  });
});

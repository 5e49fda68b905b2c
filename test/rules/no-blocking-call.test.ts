import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as ts from 'typescript';
import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-blocking-call';
import { BLOCKING_APIS } from '../../src/analysis/blocking-apis';
import { apiLabel } from '../../src/analysis/blocking-messages';
import { fixturesDir, typedRuleTester, untypedRuleTester } from './rule-tester';

const lines = (...source: string[]): string => source.join('\n');
/** `code` with its one occurrence of `from` replaced: a suggestion's output, written as the edit it makes. */
const rewrite = (code: string, from: string, to: string): string => {
  assert.equal(code.split(from).length, 2, `exactly one ${from}`);
  return code.replace(from, to);
};

type BlockingError = NonNullable<InvalidTestCase<MessageId, Options>['errors']>[number];
/** A reported method call whose one suggestion calls its twin on the same object: `from` → `to` in `code`. */
const methodCall = (code: string, line: number, column: number, from: string, to: string, data?: Record<string, string>): BlockingError => ({
  messageId: 'blockingCall',
  line,
  column,
  ...(data && { data }),
  suggestions: [{ messageId: 'useAsyncMethod', output: rewrite(code, from, to) }],
});

const zipPack = lines(
  "import { ZipEntry, ZipFile, createZipArchiveSync } from 'node:zlib';",
  'export async function pack(path: string, data: Uint8Array) {',
  '  const zip = ZipFile.openSync(path, { writable: true });',
  "  const entry = ZipEntry.createSync('b.txt', data);",
  "  zip.addSync('a.txt', data); zip.addEntrySync(entry); zip.deleteSync('c.txt');",
  "  const text = zip.getSync('a.txt').contentSync();",
  '  const copy = zip.compactSync();',
  '  zip.closeSync();',
  '  return [text, copy, ...createZipArchiveSync([entry])];',
  '}',
);
const zipBundle = lines(
  "import type { ZipBuffer } from 'node:zlib';",
  'export async function bundle(archive: ZipBuffer, data: Uint8Array) {',
  "  archive.addSync('a.txt', data);",
  '  return archive.toBufferSync();',
  '}',
);
const dirList = lines(
  "import type { Dir } from 'node:fs';",
  "import type { DatabaseSync } from 'node:sqlite';",
  'export async function list(dir: Dir, db: DatabaseSync) {',
  "  dir.readSync(); dir.closeSync(); db.exec('vacuum'); return db.prepare('select 1').all();",
  '}',
);
const dirNext = lines(
  "import type { Dir } from 'node:fs';",
  'export async function next(a: Dir | undefined, b: Dir) {',
  '  return (a ?? b)',
  '    .readSync();',
  '}',
);

const typed = typedRuleTester();
const untyped = untypedRuleTester();

// ---------------------------------------------------------------------------------------------------------------
// With type information
// ---------------------------------------------------------------------------------------------------------------
const typedInvalid: InvalidTestCase<MessageId, Options>[] = [
  {
    code: lines(
      "import { readFileSync } from 'node:fs';",
      'export async function handleUpload(path: string) {',
      "  const text = readFileSync(path, 'utf8');",
      '  return text;',
      '}',
    ),
    errors: [
      {
        messageId: 'blockingCall',
        line: 3,
        column: 16,
        data: {
          name: 'readFileSync',
          where: 'inside async function `handleUpload`',
          alternative: '`await readFile()` from `node:fs/promises`',
        },
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            data: { alternative: 'readFile', module: 'fs/promises' },
            output: lines(
              "import { readFileSync } from 'node:fs';",
              "import { readFile } from 'node:fs/promises';",
              'export async function handleUpload(path: string) {',
              "  const text = await readFile(path, 'utf8');",
              '  return text;',
              '}',
            ),
          },
        ],
      },
    ],
  },
  // An existing import of the alternative is reused.
  {
    code: lines(
      "import { readFileSync } from 'node:fs';",
      "import { readFile as read } from 'node:fs/promises';",
      'export async function a(p: string) { return [readFileSync(p), await read(p)]; }',
    ),
    errors: [
      {
        messageId: 'blockingCall',
        line: 3,
        column: 46,
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines(
              "import { readFileSync } from 'node:fs';",
              "import { readFile as read } from 'node:fs/promises';",
              'export async function a(p: string) { return [await read(p), await read(p)]; }',
            ),
          },
        ],
      },
    ],
  },
  // Namespace import → fs.promises; parentheses where `await` would bind wrongly.
  {
    code: lines("import * as fs from 'node:fs';", "export async function a() { return fs.readFileSync('a').toString(); }"),
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 39,
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines("import * as fs from 'node:fs';", "export async function a() { return (await fs.promises.readFile('a')).toString(); }"),
          },
        ],
      },
    ],
  },
  // import = require
  {
    code: lines("import fs = require('fs');", "export const write = async (p: string) => fs.writeFileSync(p, 'x');"),
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 46,
        data: {
          name: 'writeFileSync',
          where: 'inside async arrow function `write`',
          alternative: '`await writeFile()` from `node:fs/promises`',
        },
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines("import fs = require('fs');", "export const write = async (p: string) => await fs.promises.writeFile(p, 'x');"),
          },
        ],
      },
    ],
  },
  // Renamed import; the new import follows the original's unprefixed style.
  {
    code: lines("import { mkdirSync as mkdir2 } from 'fs';", "export async function a() { mkdir2('d', { recursive: true }); }"),
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 29,
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines(
              "import { mkdirSync as mkdir2 } from 'fs';",
              "import { mkdir } from 'fs/promises';",
              "export async function a() { await mkdir('d', { recursive: true }); }",
            ),
          },
        ],
      },
    ],
  },
  // Re-exported through a user module: only the checker sees through it.
  {
    code: lines(
      "import { readFileSync, execFileSync } from './blocking-reexport';",
      "export async function a() { readFileSync('x'); execFileSync('ls'); }",
    ),
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 29,
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines(
              "import { readFileSync, execFileSync } from './blocking-reexport';",
              "import { readFile } from 'node:fs/promises';",
              "export async function a() { await readFile('x'); execFileSync('ls'); }",
            ),
          },
        ],
      },
      { messageId: 'blockingCall', line: 2, column: 48, suggestions: [] },
    ],
  },
  // Methods resolved through types: a Dir and a DatabaseSync handed in as parameters.
  // Node 24.4+ (declared for the tests in fixtures/node-24.d.ts): a `using` temporary directory.
  {
    code: lines(
      "import { mkdtempDisposableSync } from 'node:fs';",
      'export async function withScratch(run: (dir: string) => Promise<void>) {',
      "  using scratch = mkdtempDisposableSync('job-');",
      '  await run(scratch.path);',
      '}',
    ),
    errors: [
      {
        messageId: 'blockingCall',
        line: 3,
        column: 19,
        data: {
          name: 'mkdtempDisposableSync',
          where: 'inside async function `withScratch`',
          alternative: '`mkdtempDisposable()` from `node:fs/promises` (with `await using`)',
        },
        suggestions: [],
      },
    ],
  },
  // Node 26.8's ZIP archives (declared for the tests in fixtures/node-26.d.ts): static and instance methods,
  // each suggested as its twin on the same object where that gives the same result.
  {
    code: zipPack,
    errors: [
      {
        messageId: 'blockingCall',
        line: 3,
        column: 23,
        data: { name: 'ZipFile.openSync', where: 'inside async function `pack`', alternative: '`await ZipFile.open()`' },
        suggestions: [
          { messageId: 'useAsyncMethod', data: { alternative: 'ZipFile.open' }, output: rewrite(zipPack, 'ZipFile.openSync(', 'await ZipFile.open(') },
        ],
      },
      methodCall(zipPack, 4, 26, 'ZipEntry.createSync(', 'await ZipEntry.create(', { name: 'ZipEntry.createSync', where: 'inside async function `pack`', alternative: '`await ZipEntry.create()`' }),
      methodCall(zipPack, 5, 7, 'zip.addSync(', 'await zip.add(', { name: 'ZipFile#addSync', where: 'inside async function `pack`', alternative: '`await ZipFile#add()`' }),
      methodCall(zipPack, 5, 35, 'zip.addEntrySync(', 'await zip.addEntry('),
      methodCall(zipPack, 5, 60, 'zip.deleteSync(', 'await zip.delete('),
      methodCall(zipPack, 6, 37, "zip.getSync('a.txt').contentSync()", "await zip.getSync('a.txt').content()", { name: 'ZipEntry#contentSync', where: 'inside async function `pack`', alternative: '`await ZipEntry#content()`' }),
      {
        messageId: 'blockingCall',
        line: 7,
        column: 20,
        data: { name: 'ZipFile#compactSync', where: 'inside async function `pack`', alternative: '`ZipFile#compact()` (it returns a stream)' },
        suggestions: [],
      },
      methodCall(zipPack, 8, 7, 'zip.closeSync()', 'await zip.close()'),
      {
        messageId: 'blockingCall',
        line: 9,
        column: 26,
        data: { name: 'createZipArchiveSync', where: 'inside async function `pack`', alternative: '`createZipArchive()` from `node:zlib` (it returns a stream)' },
        suggestions: [],
      },
    ],
  },
  {
    code: zipBundle,
    errors: [
      methodCall(zipBundle, 3, 11, 'archive.addSync(', 'await archive.add(', { name: 'ZipBuffer#addSync', where: 'inside async function `bundle`', alternative: '`await ZipBuffer#add()`' }),
      methodCall(zipBundle, 4, 18, 'archive.toBufferSync()', 'await archive.toBuffer()', { name: 'ZipBuffer#toBufferSync', where: 'inside async function `bundle`', alternative: '`await ZipBuffer#toBuffer()`' }),
    ],
  },
  // The object is kept as written, parentheses and line break included.
  {
    code: dirNext,
    errors: [
      {
        messageId: 'blockingCall',
        line: 4,
        column: 6,
        suggestions: [{ messageId: 'useAsyncMethod', data: { alternative: 'Dir#read' }, output: rewrite(dirNext, '(a ?? b)\n    .readSync()', 'await (a ?? b)\n    .read()') }],
      },
    ],
  },
  // node:sqlite's tag store (Node 24.9+): its methods run as template tags.
  {
    code: lines(
      "import { DatabaseSync } from 'node:sqlite';",
      "const db = new DatabaseSync(':memory:');",
      'const sql = db.createTagStore();',
      'export async function findUser(id: number, store = sql) {',
      '  const user = store.get`select * from users where id = ${id}`;',
      '  sql.run`update users set seen = 1 where id = ${id}`;',
      "  db.loadExtension('./vec0'); db.applyChangeset(new Uint8Array());",
      '  return [user, ...sql.iterate`select 1`, sql.all`select 2`];',
      '}',
    ),
    errors: [
      { messageId: 'blockingCallNoAlternative', line: 5, column: 22, endLine: 5, endColumn: 63, data: { name: 'SQLTagStore#get', where: 'inside async function `findUser`' } },
      { messageId: 'blockingCallNoAlternative', line: 6, column: 7, data: { name: 'SQLTagStore#run', where: 'inside async function `findUser`' } },
      { messageId: 'blockingCallNoAlternative', line: 7, column: 6, data: { name: 'DatabaseSync#loadExtension', where: 'inside async function `findUser`' } },
      { messageId: 'blockingCallNoAlternative', line: 7, column: 34, data: { name: 'DatabaseSync#applyChangeset', where: 'inside async function `findUser`' } },
      { messageId: 'blockingCallNoAlternative', line: 8, column: 24, data: { name: 'SQLTagStore#iterate', where: 'inside async function `findUser`' } },
      { messageId: 'blockingCallNoAlternative', line: 8, column: 47, data: { name: 'SQLTagStore#all', where: 'inside async function `findUser`' } },
    ],
  },
  {
    code: dirList,
    errors: [
      methodCall(dirList, 4, 7, 'dir.readSync()', 'await dir.read()', { name: 'Dir#readSync', where: 'inside async function `list`', alternative: '`await Dir#read()`' }),
      methodCall(dirList, 4, 23, 'dir.closeSync()', 'await dir.close()'),
      {
        messageId: 'blockingCallNoAlternative',
        line: 4,
        column: 39,
        data: { name: 'DatabaseSync#exec', where: 'inside async function `list`' },
      },
      { messageId: 'blockingCallNoAlternative', line: 4, column: 65, data: { name: 'DatabaseSync#prepare', where: 'inside async function `list`' } },
      { messageId: 'blockingCallNoAlternative', line: 4, column: 85, data: { name: 'StatementSync#all', where: 'inside async function `list`' } },
    ],
  },
  // Renamed on the way through another module: the checker follows the import.
  {
    code: lines("import { saveFile } from './blocking-reexport';", "export async function a() { saveFile('x', 'y'); }"),
    errors: [{ messageId: 'blockingCall', line: 2, column: 29, data: { name: 'writeFileSync', where: 'inside async function `a`', alternative: '`await writeFile()` from `node:fs/promises`' }, suggestions: [{ messageId: 'useAsyncAlternative', output: lines("import { saveFile } from './blocking-reexport';", "import { writeFile } from 'node:fs/promises';", "export async function a() { await writeFile('x', 'y'); }") }] }],
  },
  // Private methods called only through `this` from async methods; a public one, or one the constructor calls, may run at start-up.
  {
    code: lines(
      "import { readFileSync } from 'node:fs';",
      'export class Pages {',
      "  private load(name: string) { return readFileSync(name, 'utf8'); }",
      "  #parse(text: string) { return JSON.parse(readFileSync(text, 'utf8')); }",
      '  private boot(name: string) { return readFileSync(name); }',
      "  constructor() { this.boot('x'); }",
      '  async render(name: string) { this.boot(name); return this.load(name) + this.#parse(name); }',
      '  public open(name: string) { return readFileSync(name); }',
      '}',
    ),
    errors: [
      { messageId: 'blockingCall', line: 3, column: 39, data: { name: 'readFileSync', where: 'in `Pages.load`, which runs only from async method `render`', alternative: '`await readFile()` from `node:fs/promises`' }, suggestions: [] },
      { messageId: 'blockingCall', line: 4, column: 44, data: { name: 'readFileSync', where: 'in `Pages.#parse`, which runs only from async method `render`', alternative: '`await readFile()` from `node:fs/promises`' }, suggestions: [] },
    ],
  },
  // Blocking functions handed over as callbacks.
  {
    code: lines(
      "import * as fs from 'node:fs';",
      "import { execSync } from 'node:child_process';",
      'export async function clean(files: string[], p: Promise<string>) {',
      '  files.forEach(fs.unlinkSync);',
      '  p.then(execSync);',
      "  setTimeout(fs.rmSync, 10, 'dir');",
      '}',
    ),
    errors: [
      { messageId: 'blockingCall', line: 4, column: 17, data: { name: 'unlinkSync', where: 'inside async function `clean`', alternative: '`await unlink()` from `node:fs/promises`' } },
      { messageId: 'blockingCall', line: 5, column: 10, data: { name: 'execSync', where: 'inside a `.then()` callback', alternative: '`exec()` from `node:child_process` with a callback, or `util.promisify` it' } },
      { messageId: 'blockingCall', line: 6, column: 14, data: { name: 'rmSync', where: 'inside a `setTimeout` callback', alternative: '`await rm()` from `node:fs/promises`' } },
    ],
  },
  // A file that asks isMainThread runs on the main thread too.
  {
    code: lines(
      "import { isMainThread, parentPort } from 'node:worker_threads';",
      "import { writeSync } from 'node:fs';",
      "if (isMainThread) process.on('message', (text: string) => writeSync(2, text));",
      'else parentPort?.postMessage(1);',
    ),
    errors: [{ messageId: 'blockingCall', line: 3, column: 59, data: { name: 'writeSync', where: "inside a `'message'` listener", alternative: '`write()` from `node:fs` with a callback, or a `FileHandle` from `node:fs/promises`' } }],
  },
  // Atomics handed in as a value: the checker finds the lib's Atomics#wait.
  {
    code: 'export async function w(atomics: Atomics, a: Int32Array) { atomics.wait(a, 0, 0); }',
    errors: [{ messageId: 'blockingCall', line: 1, column: 68, data: { name: 'Atomics.wait', where: 'inside async function `w`', alternative: '`Atomics.waitAsync()`' } }],
  },
  // No suggestion: a file descriptor, an option fs/promises lacks, a nested sync callback, an optional call, a name in use.
  {
    code: lines(
      "import { readFileSync, statSync } from 'node:fs';",
      'export async function a(fd: number, files: string[]) {',
      '  readFileSync(fd);',
      "  statSync('x', { throwIfNoEntry: false });",
      '  files.map((f) => readFileSync(f));',
      '}',
    ),
    errors: [
      { messageId: 'blockingCall', line: 3, column: 3, suggestions: [] },
      { messageId: 'blockingCall', line: 4, column: 3, suggestions: [] },
      { messageId: 'blockingCall', line: 5, column: 20, data: { name: 'readFileSync', where: 'inside async function `a`', alternative: '`await readFile()` from `node:fs/promises`' }, suggestions: [] },
    ],
  },
  {
    code: lines(
      "import * as fs from 'node:fs';",
      'const readFile = 1;',
      "export async function a() { fs.readFileSync?.('a'); return readFile; }",
    ),
    errors: [{ messageId: 'blockingCall', line: 3, column: 32, suggestions: [] }],
  },
  {
    code: lines(
      "import { readFileSync } from 'node:fs';",
      'export async function a(readFile: string) { return readFileSync(readFile); }',
    ),
    errors: [{ messageId: 'blockingCall', line: 2, column: 52, suggestions: [] }],
  },
  // stat without the option is a drop-in.
  {
    code: lines("import { statSync } from 'node:fs';", "export async function size() { return statSync('a', { bigint: false }).size; }"),
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 39,
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines(
              "import { statSync } from 'node:fs';",
              "import { stat } from 'node:fs/promises';",
              "export async function size() { return (await stat('a', { bigint: false })).size; }",
            ),
          },
        ],
      },
    ],
  },
  // child_process, crypto, zlib, Atomics.
  {
    code: lines(
      "import * as cp from 'node:child_process';",
      "import { pbkdf2Sync, scryptSync, randomBytes, randomInt, generateKeyPairSync } from 'node:crypto';",
      "import zlib from 'node:zlib';",
      'export async function work(b: Buffer, a: Int32Array) {',
      "  cp.execSync('ls'); cp.spawnSync('ls');",
      "  pbkdf2Sync('p', 's', 1e6, 32, 'sha256'); scryptSync('p', 's', 32);",
      '  randomBytes(2048); randomInt(1, 6);',
      "  generateKeyPairSync('ed25519');",
      '  zlib.gzipSync(b); zlib.brotliDecompressSync(b);',
      '  Atomics.wait(a, 0, 0); globalThis.Atomics.wait(a, 0, 0);',
      '}',
    ),
    errors: [
      { messageId: 'blockingCall', line: 5, column: 6, data: { name: 'execSync', where: 'inside async function `work`', alternative: '`exec()` from `node:child_process` with a callback, or `util.promisify` it' } },
      { messageId: 'blockingCall', line: 5, column: 25 },
      { messageId: 'blockingCall', line: 6, column: 3, data: { name: 'pbkdf2Sync', where: 'inside async function `work`', alternative: '`pbkdf2()` from `node:crypto` (runs on the thread pool) with a callback, or `util.promisify` it' } },
      { messageId: 'blockingCall', line: 6, column: 44 },
      { messageId: 'blockingCall', line: 7, column: 3 },
      { messageId: 'blockingCall', line: 7, column: 22 },
      { messageId: 'blockingCall', line: 8, column: 3 },
      { messageId: 'blockingCall', line: 9, column: 8 },
      { messageId: 'blockingCall', line: 9, column: 26 },
      { messageId: 'blockingCall', line: 10, column: 11, data: { name: 'Atomics.wait', where: 'inside async function `work`', alternative: '`Atomics.waitAsync()`' } },
      { messageId: 'blockingCall', line: 10, column: 45 },
    ],
  },
  // Contexts: promise callbacks, executor, timers, listeners, servers, express-like routes.
  {
    code: lines(
      "import { rmSync } from 'node:fs';",
      "import { setInterval } from 'node:timers';",
      'export function schedule(p: Promise<void>) {',
      "  p.then(() => rmSync('a')).catch(() => rmSync('b')).finally(() => rmSync('c'));",
      "  new Promise<void>((resolve) => { rmSync('d'); resolve(); });",
      "  setTimeout(() => rmSync('e'), 1); setImmediate(() => rmSync('f')); setInterval(() => rmSync('g'), 9);",
      "  queueMicrotask(() => rmSync('h')); process.nextTick(() => rmSync('i'));",
      '}',
    ),
    errors: [
      { messageId: 'blockingCall', line: 4, column: 16, data: { name: 'rmSync', where: 'inside a `.then()` callback', alternative: '`await rm()` from `node:fs/promises`' }, suggestions: [] },
      { messageId: 'blockingCall', line: 4, column: 41 },
      { messageId: 'blockingCall', line: 4, column: 68 },
      { messageId: 'blockingCall', line: 5, column: 36, data: { name: 'rmSync', where: 'inside a `new Promise` executor', alternative: '`await rm()` from `node:fs/promises`' } },
      { messageId: 'blockingCall', line: 6, column: 20, data: { name: 'rmSync', where: 'inside a `setTimeout` callback', alternative: '`await rm()` from `node:fs/promises`' } },
      { messageId: 'blockingCall', line: 6, column: 56 },
      { messageId: 'blockingCall', line: 6, column: 88 },
      { messageId: 'blockingCall', line: 7, column: 24 },
      { messageId: 'blockingCall', line: 7, column: 61, data: { name: 'rmSync', where: 'inside a `process.nextTick` callback', alternative: '`await rm()` from `node:fs/promises`' } },
    ],
  },
  {
    code: lines(
      "import { readFileSync } from 'node:fs';",
      "import { createServer } from 'node:http';",
      "import * as https from 'node:https';",
      "import { EventEmitter } from 'node:events';",
      'const bus = new EventEmitter();',
      "bus.on('data', () => readFileSync('a'));",
      "createServer((req, res) => res.end(readFileSync('b')));",
      "https.createServer({}, (req, res) => res.end(readFileSync('c'))).on('connection', () => readFileSync('d'));",
      "bus.once(Symbol.for('x'), () => readFileSync('e'));",
    ),
    errors: [
      { messageId: 'blockingCall', line: 6, column: 22, data: { name: 'readFileSync', where: "inside a `'data'` listener", alternative: '`await readFile()` from `node:fs/promises`' } },
      { messageId: 'blockingCall', line: 7, column: 36, data: { name: 'readFileSync', where: 'inside a request handler', alternative: '`await readFile()` from `node:fs/promises`' } },
      { messageId: 'blockingCall', line: 8, column: 46 },
      { messageId: 'blockingCall', line: 8, column: 89, data: { name: 'readFileSync', where: "inside a `'connection'` listener", alternative: '`await readFile()` from `node:fs/promises`' } },
      { messageId: 'blockingCall', line: 9, column: 33, data: { name: 'readFileSync', where: 'inside an event listener', alternative: '`await readFile()` from `node:fs/promises`' } },
    ],
  },
  {
    code: lines(
      "import { readFileSync } from 'node:fs';",
      'declare const app: { get(...a: unknown[]): void; use(...a: unknown[]): void };',
      "app.get('/terms', (req: unknown, res: { send(b: unknown): void }) => res.send(readFileSync('terms.txt')));",
      "app.use(function (err: unknown, req: unknown, res: unknown, next: () => void) { readFileSync('x'); next(); });",
      "app.get('/ok', (a: unknown) => readFileSync('not a handler'));",
    ),
    errors: [
      { messageId: 'blockingCall', line: 3, column: 79, data: { name: 'readFileSync', where: 'inside a request handler', alternative: '`await readFile()` from `node:fs/promises`' } },
      { messageId: 'blockingCall', line: 4, column: 81 },
    ],
  },
  // Functions reachable only from loop contexts.
  {
    code: lines(
      "import { readFileSync } from 'node:fs';",
      "function loadTemplate(name: string) { return readFileSync(name, 'utf8'); }",
      'const render = (name: string) => loadTemplate(name);',
      'export async function handle() { return render("page"); }',
      "function onTick() { readFileSync('tick'); }",
      'setInterval(onTick, 1000);',
    ),
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 46,
        data: {
          name: 'readFileSync',
          where: 'in `loadTemplate`, which runs only from async function `handle`',
          alternative: '`await readFile()` from `node:fs/promises`',
        },
        suggestions: [],
      },
      { messageId: 'blockingCall', line: 5, column: 21, data: { name: 'readFileSync', where: 'in `onTick`, which runs only from a `setInterval` callback', alternative: '`await readFile()` from `node:fs/promises`' } },
    ],
  },
  // Mutual recursion reached only from an async function.
  {
    code: lines(
      "import { readdirSync } from 'node:fs';",
      "function a(d: string): void { readdirSync(d); b(d); }",
      'function b(d: string): void { a(d); }',
      "export async function main() { a('.'); }",
    ),
    errors: [{ messageId: 'blockingCall', line: 2, column: 31 }],
  },
  // Async methods and generators.
  {
    code: lines(
      "import { unlinkSync } from 'node:fs';",
      "export class Store { async drop() { unlinkSync('a'); } }",
      "export async function* files() { yield unlinkSync('b'); }",
    ),
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 37,
        data: { name: 'unlinkSync', where: 'inside async method `drop`', alternative: '`await unlink()` from `node:fs/promises`' },
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines(
              "import { unlinkSync } from 'node:fs';",
              "import { unlink } from 'node:fs/promises';",
              "export class Store { async drop() { await unlink('a'); } }",
              "export async function* files() { yield unlinkSync('b'); }",
            ),
          },
        ],
      },
      {
        messageId: 'blockingCall',
        line: 3,
        column: 40,
        data: { name: 'unlinkSync', where: 'inside async generator function `files`', alternative: '`await unlink()` from `node:fs/promises`' },
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines(
              "import { unlinkSync } from 'node:fs';",
              "import { unlink } from 'node:fs/promises';",
              "export class Store { async drop() { unlinkSync('a'); } }",
              "export async function* files() { yield await unlink('b'); }",
            ),
          },
        ],
      },
    ],
  },
  // Busy-wait loops.
  {
    code: lines(
      'export async function backoff(ms: number) {',
      '  const until = Date.now() + ms;',
      '  while (Date.now() < until) {',
      '    // spin',
      '  }',
      '}',
      'export function later(n: number) {',
      '  setTimeout(() => { const start = performance.now(); for (; performance.now() - start < n; ); }, 0);',
      '}',
      'export async function more(end: number) {',
      '  do {} while (new Date().getTime() < end);',
      '  let now = 0;',
      '  while (now < end) now = Date.now();',
      '}',
    ),
    errors: [
      { messageId: 'busyWait', line: 3, column: 3, data: { clock: 'Date.now()', where: 'inside async function `backoff`' } },
      { messageId: 'busyWait', line: 8, column: 55, data: { clock: 'performance.now()', where: 'inside a `setTimeout` callback' } },
      { messageId: 'busyWait', line: 11, column: 3, data: { clock: 'new Date()', where: 'inside async function `more`' } },
      { messageId: 'busyWait', line: 13, column: 3, data: { clock: 'now', where: 'inside async function `more`' } },
    ],
  },
  // Options: additionalApis (export and method), allow leaves the others.
  {
    code: lines(
      "import { existsSync, readFileSync } from 'node:fs';",
      'export async function a() { existsSync("a"); readFileSync("b"); }',
    ),
    options: [{ allow: [{ module: 'fs', name: 'existsSync' }] }],
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 46,
        suggestions: [
          {
            messageId: 'useAsyncAlternative',
            output: lines(
              "import { existsSync, readFileSync } from 'node:fs';",
              "import { readFile } from 'node:fs/promises';",
              'export async function a() { existsSync("a"); await readFile("b"); }',
            ),
          },
        ],
      },
    ],
  },
  {
    code: lines(
      "import { watch } from 'node:fs';",
      'export async function a() { watch("a"); }',
    ),
    options: [{ additionalApis: [{ module: 'node:fs', name: 'watch' }] }],
    errors: [{ messageId: 'blockingCallNoAlternative', line: 2, column: 29, data: { name: 'watch', where: 'inside async function `a`' } }],
  },
];

typed.run('no-blocking-call (typed)', rule, {
  valid: [
    // Start-up code: module top level and sync functions it calls.
    lines("import { readFileSync } from 'node:fs';", "export const config = readFileSync('config.json', 'utf8');"),
    lines(
      "import { readFileSync } from 'node:fs';",
      "function loadConfig() { return readFileSync('config.json', 'utf8'); }",
      'const config = loadConfig();',
      'async function main() { return loadConfig() + config; }',
      'void main();',
    ),
    // Exported: any module may call it at start-up.
    lines("import { execSync } from 'node:child_process';", "export function gitSha() { return execSync('git rev-parse HEAD'); }"),
    // A tag store used at start-up, and template tags that are not node:sqlite's, however they are named.
    lines(
      "import { DatabaseSync } from 'node:sqlite';",
      "const sql = new DatabaseSync(':memory:').createTagStore();",
      'sql.run`create table t (v)`;',
      'const api = { get: (s: TemplateStringsArray) => s.join(""), all: String.raw };',
      'export async function f() { sql.clear(); return [api.get`x`, api.all`y`, sql.size]; }',
    ),
    // A ZipFile's lazy entries read nothing until their content is read; opened at start-up.
    lines(
      "import { ZipFile } from 'node:zlib';",
      "const zip = ZipFile.openSync('assets.zip');",
      "export async function names() { zip.getSync('a'); zip.has('b'); return [...zip.entriesSync(), ...zip.valuesSync()]; }",
    ),
    // The user's own *Sync functions and methods are not Node's.
    lines(
      'class Cache { readFileSync(key: string) { return key; } async get(key: string) { return this.readFileSync(key); } }',
      'void new Cache();',
    ),
    lines('function readFileSync(p: string) { return p; }', 'export async function load(p: string) { return readFileSync(p); }'),
    lines('export async function load(store: { execSync(q: string): void }) { store.execSync("x"); }'),
    // Asynchronous APIs.
    lines("import { readFile } from 'node:fs/promises';", "export async function load() { return readFile('a'); }"),
    lines("import * as fs from 'node:fs';", "export async function load() { return fs.promises.readFile('a'); }"),
    lines("import { exec } from 'node:child_process';", "export async function run() { exec('ls', () => {}); }"),
    lines("import { gzip } from 'node:zlib';", "export async function pack(b: Buffer) { gzip(b, () => {}); }"),
    lines(
      "import { randomBytes, randomInt } from 'node:crypto';",
      'export async function token() { randomBytes(16, (err, buf) => buf); randomInt(1, 6, () => {}); return randomBytes(16); }',
    ),
    'export async function wait(a: Int32Array) { await Atomics.waitAsync(a, 0, 0).value; }',
    // Shutdown listeners: synchronous I/O is what belongs there.
    lines("import { writeFileSync } from 'node:fs';", "process.on('exit', () => writeFileSync('state.json', '{}'));"),
    lines("import { writeFileSync } from 'node:fs';", "process.once('beforeExit', () => writeFileSync('state.json', '{}'));"),
    // Synchronous callbacks at top level, IIFEs, class field initializers, never-called functions.
    lines("import { readFileSync } from 'node:fs';", "export const all = ['a', 'b'].map((f) => readFileSync(f));"),
    lines("import { readFileSync } from 'node:fs';", "export const data = (() => readFileSync('a'))();"),
    lines("import { readFileSync } from 'node:fs';", "export class Page { html = readFileSync('page.html'); }"),
    lines("import { readdirSync } from 'node:fs';", 'function unused() { return readdirSync("."); }'),
    // Handed to a synchronous callback at start-up, or merely referenced.
    lines("import * as fs from 'node:fs';", "['tmp'].forEach(fs.rmSync);", 'export async function f() { return [fs.readFileSync]; }'),
    // Worker thread scripts block their own thread, not the main loop.
    lines(
      "import { parentPort } from 'node:worker_threads';",
      "import { writeSync } from 'node:fs';",
      "parentPort?.on('message', (text: string) => writeSync(2, text));",
    ),
    // Recursion reached from start-up.
    lines(
      "import { readdirSync } from 'node:fs';",
      'function walk(dir: string): string[] { return readdirSync(dir).flatMap((d) => walk(d)); }',
      "walk('.');",
    ),
    // A `.finally` on something that is not a promise (types say so).
    lines(
      "import { rmSync } from 'node:fs';",
      'const job = { finally(cb: () => void) { cb(); } };',
      "job.finally(() => rmSync('tmp'));",
    ),
    // A local `setTimeout` that runs its callback synchronously.
    lines(
      "import { rmSync } from 'node:fs';",
      'function setTimeout(cb: () => void) { cb(); }',
      "setTimeout(() => rmSync('tmp'));",
    ),
    // A class of the user's that happens to be called DatabaseSync is not node:sqlite's.
    lines(
      'class DatabaseSync { exec(sql: string) { return sql; } }',
      'export async function q(db: DatabaseSync) { return db.exec("select 1"); }',
    ),
    // Map#get is not StatementSync#get.
    'export async function lookup(m: Map<string, number>) { return m.get("a"); }',
    // Busy-waits: at start-up, with real work, awaiting, or on a clock that is not the global one.
    'const end = Date.now() + 10; while (Date.now() < end) {}',
    'export async function poll(done: () => boolean) { const end = Date.now() + 50; while (Date.now() < end) { if (done()) break; } }',
    lines(
      "import { setTimeout as delay } from 'node:timers/promises';",
      'export async function waitFor(end: number) { while (Date.now() < end) { await delay(5); } }',
    ),
    'export async function fake(end: number) { const Date = { now: () => 0 }; while (Date.now() < end) {} }',
    'export async function loop(items: number[]) { for (let i = 0; i < items.length; i++) {} }',
    // Options: allow.
    {
      code: lines("import { existsSync } from 'node:fs';", "export async function has() { return existsSync('a'); }"),
      options: [{ allow: [{ module: 'node:fs', name: 'existsSync' }] }],
    },
  ],
  invalid: typedInvalid,
});

// ---------------------------------------------------------------------------------------------------------------
// Without type information: what syntax and scope analysis prove
// ---------------------------------------------------------------------------------------------------------------
const zipUntyped = lines(
  "import zlib, { ZipFile } from 'node:zlib';",
  'async function f(path, data) {',
  '  const zip = ZipFile.openSync(path);',
  "  zip.addSync('a', data); zlib.ZipEntry.createSync('b', data); new zlib.ZipBuffer(data).toBufferSync();",
  '  zip.getSync("a"); zlib.ZipFile.open(path); zip.fooSync(); return zip.getSync("a").contentSync();',
  '}',
);
untyped.run('no-blocking-call (untyped)', rule, {
  valid: [
    // A renamed import of something else is no timer.
    "const fs = require('fs');\nconst { run: delay } = require('./scheduler');\ndelay(() => fs.statSync('a'), 1);",
    // `.call` on a look-alike that is no catalogued API, and on an API outside any event-loop context.
    "const fake = { readFileSync() {} };\nasync function f() { fake.readFileSync.call(fake); }",
    "const fs = require('fs');\nfs.readFileSync.call(fs, 'config.json');",
    "import { readFileSync } from 'fs'; export const x = readFileSync('a');",
    'async function f(fs) { fs.readFileSync("a"); }',
    'async function f() { readFileSync("a"); }',
    "import { readFileSync } from './my-fs'; async function f() { readFileSync('a'); }",
    "import { readFile } from 'fs/promises'; async function f() { await readFile('a'); }",
    "const fs = require('fs'); async function f() { await fs.promises.readFile('a'); }",
    "let fs = require('fs'); fs = makeMock(); async function f() { fs.readFileSync('a'); }",
    "async function f(db) { db.exec('x'); db.prepare('y').all(); }",
    "async function f(dir) { dir.readSync(); }",
    "import { randomBytes } from 'crypto'; async function f(cb) { randomBytes(16, cb); }",
    "import { randomInt } from 'crypto'; async function f(max, cb) { randomInt(max, cb); }",
    "function require(m) { return m; } const fs = require('fs'); async function f() { fs.readFileSync('a'); }",
    "import * as fs from 'fs'; async function f() { (0, fs.readFileSync)('a'); fs[name]('a'); }",
    "import * as fs from 'fs'; async function f() { const { readFileSync } = { readFileSync: () => 1 }; readFileSync(); }",
    "const { workerData } = require('worker_threads'); const { execSync } = require('child_process'); setTimeout(() => execSync(workerData));",
  ],
  invalid: [
    {
      // Timers and server factories by their binding, also renamed or aliased.
      code: "const fs = require('fs');\nconst { setTimeout: delay } = require('node:timers');\nconst { createServer: makeServer } = require('node:http');\nconst later = setImmediate;\ndelay(() => fs.statSync('a'), 1);\nmakeServer((req, res) => { fs.readFileSync('b'); res.end(); });\nlater(() => fs.statSync('c'));",
      errors: [
        { messageId: 'blockingCall', line: 5, column: 16 },
        { messageId: 'blockingCall', line: 6, column: 31 },
        { messageId: 'blockingCall', line: 7, column: 16 },
      ],
    },
    {
      // Through Function.prototype.call/apply: the API still runs (no suggestion: the arguments are shifted).
      code: "const fs = require('fs');\nconst { execSync } = require('node:child_process');\nasync function f(p) { return fs.readFileSync.call(fs, p); }\nasync function g(args) { execSync.apply(null, args); }",
      errors: [
        { messageId: 'blockingCall', line: 3, column: 33, data: { name: 'readFileSync', where: 'inside async function `f`', alternative: '`await readFile()` from `node:fs/promises`' }, suggestions: [] },
        { messageId: 'blockingCall', line: 4, column: 26, suggestions: [] },
      ],
    },
    {
      code: "const fs = require('fs');\nasync function f(p) { return fs.readFileSync(p); }",
      errors: [
        {
          messageId: 'blockingCall',
          line: 2,
          column: 33,
          suggestions: [{ messageId: 'useAsyncAlternative', output: "const fs = require('fs');\nasync function f(p) { return await fs.promises.readFile(p); }" }],
        },
      ],
    },
    {
      code: "const { readFileSync: read } = require('node:fs');\nasync function f(p) { return read(p); }",
      errors: [
        {
          messageId: 'blockingCall',
          line: 2,
          column: 30,
          data: { name: 'readFileSync', where: 'inside async function `f`', alternative: '`await readFile()` from `node:fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: "const { readFileSync: read } = require('node:fs');\nconst { readFile } = require('node:fs/promises');\nasync function f(p) { return await readFile(p); }",
            },
          ],
        },
      ],
    },
    {
      code: "async function f(p) { return require('fs').readFileSync(p); }",
      errors: [
        {
          messageId: 'blockingCall',
          line: 1,
          column: 44,
          suggestions: [{ messageId: 'useAsyncAlternative', output: "async function f(p) { return await require('fs').promises.readFile(p); }" }],
        },
      ],
    },
    {
      code: "async function f(p) { const fs = await import('node:fs'); return fs.readFileSync(p); }",
      errors: [
        {
          messageId: 'blockingCall',
          line: 1,
          column: 69,
          suggestions: [{ messageId: 'useAsyncAlternative', output: "async function f(p) { const fs = await import('node:fs'); return await fs.promises.readFile(p); }" }],
        },
      ],
    },
    {
      code: "import fs from 'fs';\nconst read = fs.readFileSync;\nasync function f(p) { return read(p); }",
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          column: 30,
          suggestions: [
            { messageId: 'useAsyncAlternative', output: "import fs from 'fs';\nimport { readFile } from 'node:fs/promises';\nconst read = fs.readFileSync;\nasync function f(p) { return await readFile(p); }" },
          ],
        },
      ],
    },
    // Static methods of a module's classes, and the instance `ZipFile.openSync()` gives, without types.
    {
      code: zipUntyped,
      errors: [
        methodCall(zipUntyped, 3, 23, 'ZipFile.openSync(', 'await ZipFile.open(', { name: 'ZipFile.openSync', where: 'inside async function `f`', alternative: '`await ZipFile.open()`' }),
        methodCall(zipUntyped, 4, 7, 'zip.addSync(', 'await zip.add(', { name: 'ZipFile#addSync', where: 'inside async function `f`', alternative: '`await ZipFile#add()`' }),
        methodCall(zipUntyped, 4, 41, 'zlib.ZipEntry.createSync(', 'await zlib.ZipEntry.create('),
        methodCall(zipUntyped, 4, 89, 'new zlib.ZipBuffer(data).toBufferSync()', 'await new zlib.ZipBuffer(data).toBuffer()', { name: 'ZipBuffer#toBufferSync', where: 'inside async function `f`', alternative: '`await ZipBuffer#toBuffer()`' }),
        // `getSync` reads nothing, but the entry it gives does.
        methodCall(zipUntyped, 5, 85, 'zip.getSync("a").contentSync()', 'await zip.getSync("a").content()', { name: 'ZipEntry#contentSync', where: 'inside async function `f`', alternative: '`await ZipEntry#content()`' }),
      ],
    },
    // A tag store that syntax can follow: `db.createTagStore()` gives an SQLTagStore, whose tags run statements.
    {
      code: lines(
        "import { DatabaseSync } from 'node:sqlite';",
        "const sql = new DatabaseSync(':memory:').createTagStore();",
        'sql.run`create table t (v)`;',
        'process.on("message", (v) => { sql.run`insert into t values (${v})`; });',
      ),
      errors: [{ messageId: 'blockingCallNoAlternative', line: 4, column: 36, data: { name: 'SQLTagStore#run', where: "inside a `'message'` listener" } }],
    },
    // Instances that syntax can follow: `new DatabaseSync()`, `db.prepare()`, `opendirSync()`.
    {
      code: lines(
        "import { DatabaseSync } from 'node:sqlite';",
        "import { opendirSync } from 'node:fs';",
        "const db = new DatabaseSync(':memory:');",
        "const insert = db.prepare('insert into t values (?)');",
        'async function f(v) { insert.run(v); db.prepare("select 1").get(); opendirSync(".").readSync(); }',
      ),
      errors: [
        { messageId: 'blockingCallNoAlternative', line: 5, column: 30, data: { name: 'StatementSync#run', where: 'inside async function `f`' } },
        { messageId: 'blockingCallNoAlternative', line: 5, column: 41 },
        { messageId: 'blockingCallNoAlternative', line: 5, column: 61 },
        {
          messageId: 'blockingCall',
          line: 5,
          column: 68,
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: lines(
                "import { DatabaseSync } from 'node:sqlite';",
                "import { opendirSync } from 'node:fs';",
                "import { opendir } from 'node:fs/promises';",
                "const db = new DatabaseSync(':memory:');",
                "const insert = db.prepare('insert into t values (?)');",
                'async function f(v) { insert.run(v); db.prepare("select 1").get(); (await opendir(".")).readSync(); }',
              ),
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 5,
          column: 85,
          data: { name: 'Dir#readSync', where: 'inside async function `f`', alternative: '`await Dir#read()`' },
          suggestions: [
            {
              messageId: 'useAsyncMethod',
              output: lines(
                "import { DatabaseSync } from 'node:sqlite';",
                "import { opendirSync } from 'node:fs';",
                "const db = new DatabaseSync(':memory:');",
                "const insert = db.prepare('insert into t values (?)');",
                'async function f(v) { insert.run(v); db.prepare("select 1").get(); await opendirSync(".").read(); }',
              ),
            },
          ],
        },
      ],
    },
    {
      code: "const { execSync } = require('child_process');\nprocess.on('message', () => execSync('ls'));\nsetTimeout(function () { Atomics.wait(buf, 0, 0); });",
      errors: [
        { messageId: 'blockingCall', line: 2, column: 29, data: { name: 'execSync', where: "inside a `'message'` listener", alternative: '`exec()` from `node:child_process` with a callback, or `util.promisify` it' } },
        { messageId: 'blockingCall', line: 3, column: 34 },
      ],
    },
    {
      code: "import { randomBytes, randomInt } from 'crypto';\nasync function f(size) { return [randomBytes(size), randomInt(1, 6)]; }",
      errors: [
        { messageId: 'blockingCall', line: 2, column: 34 },
        { messageId: 'blockingCall', line: 2, column: 53 },
      ],
    },
    {
      code: 'async function f(n, end) {\n  const s = process.hrtime.bigint();\n  while (process.hrtime.bigint() - s < n) {}\n  for (;Date.now() < end;) {}\n}',
      errors: [
        { messageId: 'busyWait', line: 3, column: 3, data: { clock: 'process.hrtime.bigint()', where: 'inside async function `f`' } },
        { messageId: 'busyWait', line: 4, column: 3, data: { clock: 'Date.now()', where: 'inside async function `f`' } },
      ],
    },
    {
      code: "import { performance } from 'node:perf_hooks';\nasync function f(n) { const t = performance.now(); while (performance.now() - t < n); }",
      errors: [{ messageId: 'busyWait', line: 2, column: 52, data: { clock: 'performance.now()', where: 'inside async function `f`' } }],
    },
    {
      code: "import { computeSync, Engine } from 'heavy-lib';\nasync function f() { computeSync(); new Engine().runSync(); }",
      options: [{ additionalApis: [{ module: 'heavy-lib', name: 'computeSync' }, { module: 'heavy-lib', className: 'Engine', method: 'runSync' }] }],
      errors: [
        { messageId: 'blockingCallNoAlternative', line: 2, column: 22, data: { name: 'computeSync', where: 'inside async function `f`' } },
        { messageId: 'blockingCallNoAlternative', line: 2, column: 50, data: { name: 'Engine#runSync', where: 'inside async function `f`' } },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// Odd code: the rule must not throw, typed or not.
// ---------------------------------------------------------------------------------------------------------------
const oddCode = [
  "import * as fs from 'fs'; async function f() { fs[`readFileSync`]?.('a')?.toString(); }",
  "class A extends B { async m() { super.readFileSync(); new.target; } }",
  "label: while (Date.now() < 1) { continue label; }",
  "class S { static { while (Date.now() < 1); } static x = require('fs').readFileSync('a'); }",
  "for (;;) {} for (const x of y) {} do ; while (0);",
  "const { [k]: readFileSync } = require('fs'); async function f() { readFileSync(); }",
  "const { a: { readFileSync } } = require('fs'); async function f() { readFileSync(); }",
  "async function f() { (async () => require)()('fs').readFileSync(); }",
  "function g() { g(); } async function f() { g(); } g.call(null);",
  "export default async function () { const x = () => 1; x(); }",
  "import x = A.B; async function f() { x.readFileSync(); }",
  "async function f(db) { db.createTagStore().get`a`; (0, sql.all)`b`; (sql?.run)`c`; sql['iterate']<T>`d`; f()`e`; `${x}`; }",
];

describe('no-blocking-call on odd code', () => {
  it('falls back to what syntax proves when the checker throws', () => {
    const fail = (): never => {
      throw new Error('checker failure');
    };
    const throwingParser = {
      parseForESLint(code: string, options: Record<string, unknown>) {
        const result = parser.parseForESLint(code, options);
        const services = {
          ...result.services,
          program: { getTypeChecker: () => new Proxy({}, { get: () => fail }), isSourceFileDefaultLibrary: fail },
          esTreeNodeToTSNodeMap: { get: fail, has: fail },
          getTypeAtLocation: fail,
          getSymbolAtLocation: fail,
        };
        return { ...result, services };
      },
    };
    const code = lines(
      "import { readFileSync, statSync } from 'node:fs';",
      "import { randomBytes } from 'node:crypto';",
      'export async function a(p: Promise<void>, x: unknown) {',
      "  readFileSync('a'); statSync('b'); randomBytes(16, x as never); p.then(() => readFileSync('c'));",
      '}',
    );
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(code, [
      {
        files: ['**/*.ts'],
        plugins: { lw: { rules: { 'no-blocking-call': rule as never } } },
        languageOptions: { parser: throwingParser as never },
        rules: { 'lw/no-blocking-call': 'error' },
      },
    ], 'file.ts');
    assert.deepEqual(
      messages.map((m) => `${m.line}:${m.column} ${m.messageId ?? m.message} ${m.suggestions?.length ?? 0}`),
      ['4:3 blockingCall 0', '4:22 blockingCall 0'],
    );
  });

  for (const withTypes of [true, false]) {
    it(`never throws ${withTypes ? 'with' : 'without'} types`, () => {
      const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
      for (const code of oddCode) {
        const messages = linter.verify(
          code,
          [
            {
              files: ['**/*.ts'],
              plugins: { lw: { rules: { 'no-blocking-call': rule as never } } },
              languageOptions: {
                parser: parser as never,
                parserOptions: withTypes ? { project: './tsconfig.json', tsconfigRootDir: fixturesDir } : {},
              },
              rules: { 'lw/no-blocking-call': 'error' },
            },
          ],
          join(fixturesDir, 'file.ts'),
        );
        assert.deepEqual(messages.filter((m) => m.fatal || m.ruleId === null), [], code);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The catalogue against @types/node, and the doc page against the catalogue.
// ---------------------------------------------------------------------------------------------------------------
describe('no-blocking-call suggestions', () => {
  it('compile: every typed suggestion output type-checks', () => {
    const outputs = typedInvalid.flatMap((test) =>
      (test.errors ?? []).flatMap((error) => (Array.isArray(error.suggestions) ? error.suggestions : []).map((s) => s.output)),
    );
    assert.ok(outputs.length >= 10);
    const files = new Map(outputs.map((output, i) => [join(fixturesDir, `suggestion-${i}.ts`), output]));
    const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, strict: true, types: ['node'], skipLibCheck: true, noEmit: true };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => files.get(name) ?? readFile(name);
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const declared = ['node-sqlite.d.ts', 'node-24.d.ts', 'node-26.d.ts'].map((name) => join(fixturesDir, name));
    const program = ts.createProgram([...files.keys(), ...declared], options, host);
    const problems = [...files.keys()].flatMap((name) =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(name)).map((d) => `${name}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}\n${files.get(name)}`),
    );
    assert.deepEqual(problems, []);
  });
});

describe('no-blocking-call catalogue', () => {
  // node-24.d.ts, node-26.d.ts: what @types/node 24 and 26 add to fs and zlib beyond the repository's @types/node 20.
  const program = ts.createProgram(
    [join(fixturesDir, 'file.ts'), join(fixturesDir, 'node-24.d.ts'), join(fixturesDir, 'node-26.d.ts')],
    { types: ['node'], noEmit: true, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();

  function syncExports(module: string): string[] {
    const symbol = checker.getAmbientModules().find((m) => m.getName() === `"${module}"`);
    assert.ok(symbol, `@types/node declares ${module}`);
    return checker
      .getExportsOfModule(symbol)
      .filter((e) => e.getName().endsWith('Sync'))
      .filter((e) => checker.getTypeOfSymbol(e).getCallSignatures().length > 0)
      .map((e) => e.getName())
      .sort();
  }

  function catalogued(module: string): Set<string> {
    return new Set(BLOCKING_APIS.filter((api) => api.module === module && !api.className).map((api) => api.name));
  }

  it('lists every *Sync function of fs and zlib in @types/node (20, and what 24 and 26 add)', () => {
    assert.ok(syncExports('fs').includes('mkdtempDisposableSync'), 'node-24.d.ts is part of the program');
    assert.ok(syncExports('zlib').includes('createZipArchiveSync'), 'node-26.d.ts is part of the program');
    for (const module of ['fs', 'zlib']) {
      const exports = syncExports(module);
      assert.ok(exports.length > (module === 'fs' ? 40 : 8), `found ${module} *Sync exports`);
      const missing = exports.filter((name) => !catalogued(module).has(name));
      assert.deepEqual(missing, [], `${module} *Sync functions missing from the catalogue`);
    }
  });

  it("lists every *Sync method of zlib's ZIP classes that reads, writes or compresses (Node 26.8)", () => {
    const zlib = checker.getAmbientModules().find((m) => m.getName() === '"zlib"')!;
    // They make lazy entries and read nothing (their docs: "does not itself block on I/O").
    const lazy = new Set(['ZipFile#getSync', 'ZipFile#entriesSync', 'ZipFile#valuesSync', 'ZipFile#forEachSync']);
    const declared = ['ZipBuffer', 'ZipEntry', 'ZipFile'].flatMap((className) => {
      const symbol = checker.getExportsOfModule(zlib).find((e) => e.getName() === className);
      assert.ok(symbol, `zlib declares ${className}`);
      const instance = checker.getDeclaredTypeOfSymbol(symbol).getProperties();
      const statics = checker.getTypeOfSymbol(symbol).getProperties();
      return [...instance, ...statics].map((member) => `${className}#${member.getName()}`).filter((name) => name.endsWith('Sync'));
    });
    assert.ok(declared.length >= 14, `found the ZIP classes' *Sync methods: ${declared.join(', ')}`);
    const catalogued = new Set(BLOCKING_APIS.filter((api) => api.module === 'zlib' && api.className).map((api) => `${api.className}#${api.name}`));
    assert.deepEqual(declared.filter((name) => !catalogued.has(name) && !lazy.has(name)), []);
    assert.deepEqual([...lazy].filter((name) => catalogued.has(name)), []);
  });

  it('lists what the brief requires beyond fs and zlib', () => {
    for (const name of ['execSync', 'execFileSync', 'spawnSync']) assert.ok(catalogued('child_process').has(name), name);
    for (const name of ['pbkdf2Sync', 'scryptSync', 'randomFillSync', 'generateKeyPairSync', 'generateKeySync', 'generatePrimeSync', 'checkPrimeSync', 'hkdfSync', 'randomBytes', 'randomInt']) {
      assert.ok(catalogued('crypto').has(name), name);
    }
    const methods = new Set(BLOCKING_APIS.filter((api) => api.className).map((api) => `${api.className}#${api.name}`));
    for (const method of ['Dir#readSync', 'Dir#closeSync', 'Atomics#wait', 'DatabaseSync#exec', 'StatementSync#run', 'StatementSync#get', 'StatementSync#all', 'StatementSync#iterate']) {
      assert.ok(methods.has(method), method);
    }
  });

  it("doc page examples: every ❌ line with a comment is reported, the ✅ block is clean", () => {
    const doc = readFileSync(join(fixturesDir, '..', '..', '..', 'docs', 'rules', 'no-blocking-call.md'), 'utf8');
    const block = (title: string) => new RegExp(`### ${title}\\n\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(doc)?.[1] ?? '';
    const lint = (code: string) =>
      new Linter({ configType: 'flat', cwd: fixturesDir })
        .verify(code, [{ files: ['**/*.ts'], plugins: { lw: { rules: { r: rule as never } } }, languageOptions: { parser: parser as never, parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixturesDir } }, rules: { 'lw/r': 'error' } }], join(fixturesDir, 'file.ts'))
        .map((m) => m.line);
    const wrong = block('❌ Incorrect');
    const commented = wrong.split('\n').flatMap((line, i) => (/\/\/ (blocks|hundreds|waits|reported|busy)/.test(line) ? [i + 1] : []));
    assert.ok(commented.length >= 5);
    assert.deepEqual(lint(wrong).map((line) => (commented.includes(line) || commented.includes(line + 1) ? 'marked' : line)), commented.map(() => 'marked'));
    assert.deepEqual(lint(block('✅ Correct')), []);
  });

  it('has its every module and API on the doc page', () => {
    const doc = readFileSync(join(fixturesDir, '..', '..', '..', 'docs', 'rules', 'no-blocking-call.md'), 'utf8');
    for (const api of BLOCKING_APIS) {
      const label = apiLabel(api);
      assert.ok(doc.includes(label), `doc lists ${label}`);
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${label}\``));
      assert.ok(row, `doc has a table row for ${label}`);
      assert.equal(row.includes('💡'), api.alternative?.dropIn === true, `doc marks ${label} with 💡 exactly when the rule suggests its alternative`);
      if (api.module !== 'globalThis') assert.ok(doc.includes(`node:${api.module}`), `doc lists node:${api.module}`);
    }
  });
});

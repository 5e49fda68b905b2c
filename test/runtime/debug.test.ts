// The debug tier in-process: options, report formats, and never-awaited detection (no false positives).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { createTransformer } from '../../transform/index';

const root = fileURLToPath(new URL('../..', import.meta.url));
import * as runtime from '../../src/runtime/index';
import { DEFAULT_OPTIONS, optionsFromEnv, resolveOptions } from '../../src/runtime/debug/config';
import { formatPretty } from '../../src/runtime/debug/format-pretty';
import { formatJson } from '../../src/runtime/debug/format-json';
import { callbackKind } from '../../src/runtime/debug/main-stack';
import { openSuspectCount, promiseHookActive, reportUnawaitedAtExit } from '../../src/runtime/debug/never-awaited';
import { sourceFile } from '../../src/runtime/debug/report';
import type { Report } from '../../src/runtime/debug/report';
import { sourceFromOutput } from '../../transform/module-prologue';
import { Slot } from '../../src/runtime/debug/shared';
import { sharedView } from '../../src/runtime/debug/watchdog';

describe('debug options', () => {
  it('reads the environment and reports bad values instead of throwing', () => {
    const good = optionsFromEnv({ LOOPWATCH_SLOW_MS: '250', LOOPWATCH_STRICT: '1', LOOPWATCH_FORMAT: 'JSON', LOOPWATCH_OUTPUT: 'r.jsonl' });
    assert.deepEqual(good, { options: { slowMs: 250, strict: true, format: 'json', output: 'r.jsonl' }, problems: [] });
    const bad = optionsFromEnv({ LOOPWATCH_SLOW_MS: '-3', LOOPWATCH_STRICT: 'maybe', LOOPWATCH_FORMAT: 'xml' });
    assert.deepEqual(bad.options, {});
    assert.equal(bad.problems.length, 3);
  });

  it('stack: off by default, LOOPWATCH_STACK=1 or { stack: true } turns it on', () => {
    assert.equal(DEFAULT_OPTIONS.stack, false);
    assert.deepEqual(optionsFromEnv({ LOOPWATCH_STACK: '1' }).options, { stack: true });
    assert.equal(resolveOptions({ stack: true }, DEFAULT_OPTIONS).options.stack, true);
    assert.deepEqual(resolveOptions({ stack: 'yes' }, DEFAULT_OPTIONS).problems.map((p) => p.split(':')[1]!.trim().split(' ')[0]), ['stack']);
  });

  it('keeps the previous value of each invalid option given in code, and names it', () => {
    const { options, problems } = resolveOptions({ slowMs: 0, format: 'yaml', strict: true, colour: true }, DEFAULT_OPTIONS);
    assert.equal(options.slowMs, 100);
    assert.equal(options.format, 'pretty');
    assert.equal(options.strict, true);
    assert.deepEqual(problems.map((p) => p.split(':')[1]!.trim().split(' ')[0]), ['unknown', 'slowMs', 'format']);
    assert.equal(resolveOptions('fast', DEFAULT_OPTIONS).problems.length, 1);
  });
});

describe('report formats', () => {
  const report: Report = {
    type: 'never-awaited', schema: 1, time: '2026-01-01T00:00:00.000Z', pid: 1, callee: 'sendMail',
    createdAt: { file: 'src/jobs.ts', path: '/work/app/src/jobs.ts', line: 41, column: 5 },
    task: null, inTask: { id: 3, name: 'drainQueue', functionSite: null, createdAt: null }, detectedAt: 'exit',
  };

  it('pretty: the headline an editor can jump from; colour only when asked', () => {
    const text = formatPretty(report);
    assert.match(text, /^loopwatch: promise from `sendMail\(\)` was never awaited — created at src\/jobs\.ts:41:5 in task `drainQueue`\n/);
    assert.doesNotMatch(text, /\x1b\[/);
    assert.match(formatPretty(report, true), /\x1b\[33m/);
  });

  it('pretty: the main thread\'s frames under a live blocked-loop report', () => {
    const blocked: Report = {
      type: 'blocked-loop', schema: 1, time: '2026-01-01T00:00:00.000Z', pid: 1, phase: 'blocked', durationMs: 120, slowMs: 100,
      task: { id: 2, name: 'resize cat.png', functionSite: null, createdAt: null }, resumedAt: null, lastTask: null, lastSite: null,
      stack: [{ function: 'busyWait', file: 'src/img.ts', path: '/app/src/img.ts', line: 9, column: 3 }], callback: null,
    };
    assert.deepEqual(formatPretty(blocked).split('\n').slice(0, 2), [
      'loopwatch: event loop blocked for 120 ms and counting in task `resize cat.png`, in its first segment (threshold 100 ms)',
      '    at busyWait (src/img.ts:9:3)',
    ]);
  });

  it('outside tasks, the kind of callback read from the bottom of the main thread\'s stack', () => {
    const user = { functionName: 'spin', url: 'file:///app/dist/spin.js' };
    const kind = (...outer: [string, string][]) => callbackKind([user, ...outer.map(([functionName, url]) => ({ functionName, url }))]);
    assert.equal(kind(['listOnTimeout', 'node:internal/timers'], ['processTimers', 'node:internal/timers']), 'timer');
    assert.equal(kind(['processImmediate', 'node:internal/timers']), 'immediate');
    assert.equal(kind(['processTicksAndRejections', 'node:internal/process/task_queues']), 'next-tick');
    assert.equal(kind(['emit', 'node:events'], ['onStreamRead', 'node:internal/stream_base_commons']), 'io');
    assert.equal(kind(['oncomplete', 'node:fs']), 'io');
    assert.equal(kind(['Module._compile', 'node:internal/modules/cjs/loader']), 'module-loading');
    assert.equal(kind(['then', 'file:///app/dist/lib.js']), 'microtask');
    assert.equal(callbackKind([]), null);

    const blocked: Report = {
      type: 'blocked-loop', schema: 1, time: '2026-01-01T00:00:00.000Z', pid: 1, phase: 'blocked', durationMs: 130, slowMs: 100,
      task: null, resumedAt: null, lastTask: null, lastSite: null,
      stack: [{ function: 'spin', file: 'src/spin.ts', path: '/app/src/spin.ts', line: 4, column: 3 }], callback: 'timer',
    };
    assert.equal(formatPretty(blocked).split('\n')[0],
      'loopwatch: event loop blocked for 130 ms and counting outside any instrumented task, in a timer callback (setTimeout/setInterval) (threshold 100 ms)');
  });

  it('json: one line, the report object', () => {
    const line = formatJson(report);
    assert.equal(line.split('\n').length, 2);
    assert.deepEqual(JSON.parse(line), report);
  });
});

const source = `
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
export async function work(): Promise<number> { await tick(); return 1; }
export async function forward(): Promise<number> { return work(); }
export async function caller(mode: string): Promise<void> {
  await tick();
  if (mode === 'await') await work();
  if (mode === 'all') await Promise.all([work(), work()]);
  if (mode === 'later') { const p = work(); await tick(); await tick(); await p; }
  if (mode === 'return') await forward();
  if (mode === 'catch') work().catch(() => undefined);
  if (mode === 'lost') work();
}
`;

function transpile(text: string): string {
  return ts.transpileModule(text, {
    fileName: 'src/debug-unit.ts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    transformers: { before: [createTransformer()] },
  }).outputText;
}

function load(text = source): { caller: (mode: string) => Promise<void> } {
  const output = ts.transpileModule(text, {
    fileName: 'src/debug-unit.ts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    transformers: { before: [createTransformer()] },
  }).outputText;
  const module = { exports: {} as { caller: (mode: string) => Promise<void> } };
  new Function('exports', 'require', 'module', output)(module.exports, (id: string) => (id === 'loopwatch/runtime' ? runtime : require(id)), module);
  return module.exports;
}

describe('the running task in shared memory (what a blocked-loop report names)', () => {
  it('a first park ends the first segment; a task parking again after a resume stops running at that await', async () => {
    runtime.enableDebug({ watchdog: false, onReport: () => undefined });
    const m = load(`export async function twice(gate: Promise<void>): Promise<void> { await null; await gate; }`) as unknown as
      { twice: (gate: Promise<void>) => Promise<void> };
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const depth = sharedView[Slot.Depth];
    const done = m.twice(gate);
    assert.equal(sharedView[Slot.Depth], depth, 'parked at `await null`: its first segment is over');
    await new Promise((resolve) => setImmediate(resolve));
    // Resumed from `await null` (site n), then parked at `await gate` (site n + 1).
    assert.equal(sharedView[Slot.Running], 0);
    assert.equal(sharedView[Slot.StopSite], sharedView[Slot.CurrentResumedAt] + 1);
    open();
    await done;
  });
});

describe('never-awaited detection', () => {
  it('flags only the promise nothing reacted to', async () => {
    const seen: Report[] = [];
    const result = runtime.enableDebug({ onReport: (r) => seen.push(r), watchdog: false });
    assert.deepEqual(result, { enabled: true, problems: [] });
    assert.equal(runtime.isDebugEnabled(), true);
    const { caller } = load();
    for (const mode of ['await', 'all', 'later', 'return', 'catch']) await caller(mode);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(openSuspectCount(), 0, 'every promise got a reaction');
    await caller('lost');
    // Let the lost `work()` finish (its `tick()` is an immediate queued before this one): a task still
    // running is reported as pending at exit instead. A timer here could fire first on a loaded machine.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(openSuspectCount(), 1);
    reportUnawaitedAtExit();
    const found = seen.filter((r) => r.type === 'never-awaited');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.type === 'never-awaited' && found[0]!.callee, 'work');
    assert.deepEqual(found[0]!.type === 'never-awaited' && found[0]!.createdAt, { file: 'src/debug-unit.ts', path: null, line: 12, column: 24 });
    assert.equal(found[0]!.type === 'never-awaited' && found[0]!.inTask?.name, 'caller');
  });
});

describe('never-awaited at collection', () => {
  it('reports a lost promise when it is garbage-collected: the debug tier does not keep it alive', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const seen: Report[] = [];
    runtime.enableDebug({ onReport: (r) => seen.push(r), watchdog: false });
    const { caller } = load();
    await caller('lost');
    // Two turns: the slot is flushed at the end of the turn, then nothing refers to the promise.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 10 && !seen.some((r) => r.type === 'never-awaited'); i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const found = seen.find((r) => r.type === 'never-awaited');
    assert.ok(found && found.type === 'never-awaited', 'reported once collected');
    assert.equal(found.detectedAt, 'collected');
    assert.equal(found.callee, 'work');
    assert.equal(openSuspectCount(), 0);
  });
});

describe('call site kinds', () => {
  const kindsSource = `
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
export async function work(): Promise<number> { await tick(); return 1; }
export async function caller(mode: string): Promise<void> {
  await tick();
  if (mode === 'stored-awaited') { const p = work(); (globalThis as any).probe(); await p; }
  if (mode === 'then') work().then(() => undefined);
  if (mode === 'voided') void work();
  if (mode === 'dropped') work();
  if (mode === 'stored-lost') { const p = work(); await tick(); }
}
`;

  it('the transform records how each call is used', () => {
    const table = /registerSites\("src\/debug-unit.ts", \[([^\]]*)\]/.exec(transpile(kindsSource))![1]!.split(', ').map(Number);
    const callKinds = new Map<number, number[]>();
    for (let i = 0; i < table.length; i += 4) {
      // 13 is an await whose operand is the call at the next site (its `created` folded into the park).
      if (table[i] === 13) assert.equal(table[i + 4], 7, 'an AwaitCall await is followed by its awaited call');
      if (table[i]! >= 3 && table[i] !== 4 && table[i] !== 5 && table[i] !== 13) callKinds.set(table[i + 1]!, [...(callKinds.get(table[i + 1]!) ?? []), table[i]!]);
    }
    assert.deepEqual(Object.fromEntries(callKinds), {
      // line: kinds of its calls (3 stored/other, 6 voided, 7 awaited, 8 reacted, 11 dropped, 12 the .then call itself)
      3: [7], 5: [7], 6: [3, 11], 7: [12, 8], 8: [6], 9: [11], 10: [3, 7],
    });
  });

  it('stored-then-awaited, .then and void are not reported and need no promise hook; dropped and stored-never-awaited are', async () => {
    const seen: Report[] = [];
    runtime.enableDebug({ onReport: (r) => seen.push(r), watchdog: false });
    const { caller } = load(kindsSource);
    for (const mode of ['then', 'voided', 'dropped']) await caller(mode);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(promiseHookActive(), false, 'awaited, reacted, voided and dropped calls need no promise hook');
    assert.equal(openSuspectCount(), 1, 'only the dropped promise is a suspect');
    let watched = false;
    (globalThis as { probe?: () => void }).probe = () => (watched = promiseHookActive());
    await caller('stored-awaited');
    assert.equal(watched, true, 'a stored promise is watched while it waits for a reaction');
    assert.equal(promiseHookActive(), false, 'off again once it reacted');
    assert.equal(openSuspectCount(), 1);
    await caller('stored-lost');
    assert.equal(promiseHookActive(), true);
    assert.equal(openSuspectCount(), 2);
    reportUnawaitedAtExit();
    assert.equal(promiseHookActive(), false);
    const lines = seen.filter((r) => r.type === 'never-awaited').map((r) => r.type === 'never-awaited' && r.createdAt?.line);
    assert.deepEqual(lines, [9, 10]);
  });
});

describe('never-awaited and nameTask', () => {
  it('a name given after the call (nameTask(f(), name)) is the task\'s name in the report; callee stays the function', async () => {
    const seen: Report[] = [];
    runtime.enableDebug({ onReport: (r) => seen.push(r), watchdog: false });
    const { caller } = load(`
import { nameTask } from 'loopwatch/runtime';
export async function work(): Promise<number> { await null; return 1; }
export async function caller(): Promise<void> {
  await null;
  const p = nameTask(work(), 'named work');
  await new Promise((resolve) => setImmediate(resolve));
}
`);
    await caller('');
    reportUnawaitedAtExit();
    const report = seen.find((r) => r.type === 'never-awaited' && r.createdAt?.line === 6);
    assert.ok(report !== undefined && report.type === 'never-awaited', JSON.stringify(seen));
    assert.equal(report.callee, 'work');
    assert.equal(report.task?.name, 'named work');
  });
});

describe('debug hooks are total', () => {
  it('never throw on arguments that are not tasks or sites', () => {
    runtime.enableDebug({ watchdog: false, onReport: () => undefined });
    const { hooks } = runtime;
    const throwingLookAlike = { get prevLive(): never { throw new Error('not a task'); } };
    for (const junk of [null, undefined, 0, 'task', {}, throwingLookAlike]) {
      assert.doesNotThrow(() => {
        hooks.park(junk as never, junk as never, 1);
        hooks.suspend(junk as never, 1);
        hooks.resume(junk as never, 1);
        hooks.exit(junk as never);
        hooks.created(junk as never, Promise.resolve(), junk as never);
      }, String(junk));
    }
  });
});

describe('debug hooks run no user code on a call\'s value', () => {
  it('a Proxy returned by a call: no trap is called, a revoked one does not throw', async () => {
    runtime.enableDebug({ watchdog: false, onReport: () => undefined });
    const { stores } = load(`
export async function stores(get: () => unknown): Promise<string> {
  await null;
  const value = get();
  return typeof value;
}
`) as unknown as { stores: (get: () => unknown) => Promise<string> };
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const trapped: string[] = [];
    const counting = new Proxy({}, new Proxy({}, { get: (_, trap) => (trapped.push(String(trap)), undefined) }));
    assert.equal(await stores(() => revocable.proxy), 'object');
    assert.equal(await stores(() => counting), 'object');
    assert.deepEqual(trapped, []);
  });
});

describe('site paths', () => {
  it('the transform says where the source is seen from the output: beside it, or under outDir mirroring rootDir', () => {
    const file = ts.createSourceFile('/app/src/jobs/queue.ts', '', ts.ScriptTarget.ES2022);
    assert.equal(sourceFromOutput(file, {}, undefined), 'queue.ts');
    assert.equal(sourceFromOutput(file, { outDir: '/app/dist', rootDir: '/app/src' }, undefined), '../../src/jobs/queue.ts');
    assert.equal(sourceFromOutput(file, { outDir: '/app/dist', rootDir: '/app' }, undefined), '../../../src/jobs/queue.ts');
  });

  it('files of one program share the answer for their directory, and each keeps its own name', () => {
    const options = { outDir: '/app/dist', rootDir: '/app/src' };
    const byDirectory = new Map<string, string>();
    const files = ['/app/src/jobs/queue.ts', '/app/src/jobs/worker.mts', '/app/src/main.ts', '/app/src/jobs/queue.test.ts'];
    const shared = files.map((name) => sourceFromOutput(ts.createSourceFile(name, '', ts.ScriptTarget.ES2022), options, undefined, byDirectory));
    assert.deepEqual(shared, ['../../src/jobs/queue.ts', '../../src/jobs/worker.mts', '../src/main.ts', '../../src/jobs/queue.test.ts']);
    assert.deepEqual([...byDirectory], [['/app/src/jobs', '../../src/jobs'], ['/app/src', '../src']]);
    const beside = new Map<string, string>();
    assert.equal(sourceFromOutput(ts.createSourceFile('/app/src/a.ts', '', ts.ScriptTarget.ES2022), {}, undefined, beside), 'a.ts');
    assert.equal(sourceFromOutput(ts.createSourceFile('/app/src/b.ts', '', ts.ScriptTarget.ES2022), {}, undefined, beside), 'b.ts');
  });

  it('with a Program and no rootDir, outDir mirrors the common source directory', () => {
    const dir = join(root, 'test/e2e/fixtures/debug');
    const program = ts.createProgram([join(dir, 'parked-forever.ts')], { outDir: join(root, '.tmp/paths-unit'), noLib: true, types: [] });
    assert.equal(sourceFromOutput(program.getSourceFile(join(dir, 'parked-forever.ts'))!, program.getCompilerOptions(), program), '../../test/e2e/fixtures/debug/parked-forever.ts');
  });

  it('CommonJS output still loads without the wrapper\'s __filename (new Function, vm), or with its own hoisted one', () => {
    for (const prefix of ['', 'var __filename = "x";\n']) {
      const output = transpile(`${prefix}export async function f() { await 1; }\n`);
      assert.match(output, /registerSites\([^\n]*, "debug-unit.ts", typeof __filename === "string" \? __filename : void 0\);/);
      const module = { exports: {} as { f?: () => Promise<void> } };
      assert.doesNotThrow(() => new Function('exports', 'require', 'module', output)(module.exports, () => runtime, module), prefix);
      assert.equal(typeof module.exports.f, 'function');
    }
  });

  it('the runtime resolves a file entry against the module location, when it is reported', () => {
    assert.deepEqual(sourceFile('src/a.ts'), { recorded: 'src/a.ts', path: null }, 'an older transform: as recorded');
    assert.deepEqual(sourceFile('src/a.ts\0../src/a.ts\0/srv/app/dist/a.js'), { recorded: 'src/a.ts', path: '/srv/app/src/a.ts' }, 'CommonJS: __filename');
    assert.deepEqual(sourceFile('src/b.ts\0../src/b.ts\0file:///srv/app/dist/b.mjs'), { recorded: 'src/b.ts', path: '/srv/app/src/b.ts' }, 'ES module: import.meta.url');
    assert.deepEqual(sourceFile('src/c.ts\0c.ts\0/srv/app/src/c.ts'), { recorded: 'src/c.ts', path: '/srv/app/src/c.ts' }, 'compiled in memory (ts-node): the module is the source');
    assert.deepEqual(sourceFile('src/d.ts\0d.ts\0data:text/javascript,x'), { recorded: 'src/d.ts', path: null }, 'not a file');
    assert.deepEqual(sourceFile('src/e.ts\0e.ts\0undefined'), { recorded: 'src/e.ts', path: null }, 'no location');
  });
});

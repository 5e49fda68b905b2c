// Orphan tasks (started by uninstrumented code) in the debug tier: a promise hook only for those that
// may reject, and the emitted rethrowing catch changes nothing a program can see.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { createTransformer } from '../../transform/index';
import * as runtime from '../../src/runtime/index';
import { settledHookCount, taskOfPromise, taskOfThrown } from '../../src/runtime/debug/debug-hooks';
import { taskName } from '../../src/runtime/registry';

const source = `
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
export async function fulfils(): Promise<number> { await tick(); return 1; }
export async function fulfilsAtOnce(): Promise<number> { return 2; }
export async function rejects(): Promise<number> { await tick(); throw new Error('late'); }
export async function rejectsAtOnce(): Promise<number> { throw new Error('at once'); }
export async function callsBack(callback: () => void): Promise<void> { await tick(); callback(); }
export async function rejectsWithText(): Promise<number> { await tick(); throw 'text'; }
export async function rejectsWithTextAtOnce(): Promise<number> { throw 'at once'; }
export async function throwsValue(value: unknown): Promise<never> { await tick(); throw value; }
export async function quick(): Promise<number> { return 3; }
export async function storesAfterAwait(lib: () => Promise<void>): Promise<{ stored: Promise<void> }> {
  await quick();
  const stored = lib();
  await tick();
  return { stored };
}
export async function throwsMade(made: (error: Error) => void): Promise<never> {
  await tick();
  const error = new Error('made here');
  made(error);
  throw error;
}
`;

type Module = Record<string, (...args: any[]) => Promise<unknown>>;

function load(instrument: boolean): Module {
  const output = ts.transpileModule(source, {
    fileName: 'src/orphans.ts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    transformers: instrument ? { before: [createTransformer()] } : undefined,
  }).outputText;
  const module = { exports: {} as Module };
  const localRequire = (id: string) => (id === 'loopwatch/runtime' ? runtime : require(id));
  new Function('exports', 'require', 'module', '__filename', output)(module.exports, localRequire, module, 'orphans.js');
  return module.exports;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('orphan tasks in the debug tier', () => {
  it('rethrows the very value the body threw, with its stack unchanged', async () => {
    for (const instrument of [false, true]) {
      const m = load(instrument);
      for (const value of [new TypeError('t'), 'text', 42, undefined, null, { code: 7 }]) {
        await assert.rejects(m.throwsValue!(value), (caught) => caught === value);
      }
      let made: Error | undefined;
      let stackWhenMade = '';
      await assert.rejects(m.throwsMade!((error: Error) => {
        made = error;
        stackWhenMade = error.stack!;
      }), (caught) => caught === made && (caught as Error).stack === stackWhenMade);
      assert.equal(await m.fulfils!(), 1);
    }
  });

  it('finds the task of an orphan that rejects: by what it threw, or for a primitive with a one-shot promise hook; none for orphans that fulfil', async () => {
    const result = runtime.enableDebug({ watchdog: false, onReport: () => undefined });
    assert.equal(result.enabled, true);
    const m = load(true);
    const before = settledHookCount();
    assert.equal(await m.fulfils!(), 1);
    assert.equal(await m.fulfilsAtOnce!(), 2);
    await settle();
    assert.equal(settledHookCount(), before, 'orphans that fulfil set no promise hook');

    for (const fn of ['rejects', 'rejectsAtOnce']) {
      let reason: unknown;
      await m[fn]!().catch((error: unknown) => (reason = error));
      await settle();
      const task = taskOfThrown(reason);
      assert.ok(task !== null, `${fn}: its task is known by the error it threw`);
      assert.equal(taskName(task), fn);
    }
    // Started by uninstrumented code inside another task's segment (`items.forEach(async …)` in a task).
    let reason: unknown;
    await m.callsBack!(() => void m.rejectsAtOnce!().catch((error: unknown) => (reason = error)));
    await settle();
    assert.equal(taskOfThrown(reason) && taskName(taskOfThrown(reason)!), 'rejectsAtOnce', 'found inside another task too');
    assert.equal(settledHookCount(), before, 'an orphan that throws an object needs no promise hook');
    for (const fn of ['rejectsWithText', 'rejectsWithTextAtOnce']) {
      const count = settledHookCount();
      const promise = m[fn]!();
      promise.catch(() => undefined);
      await assert.rejects(promise);
      await settle();
      assert.equal(settledHookCount(), count + 1, `${fn}: one hook`);
      const task = taskOfPromise(promise);
      assert.ok(task !== null, `${fn}: its task is known by its promise`);
      assert.equal(taskName(task), fn);
    }
  });

  it('a promise stored from uninstrumented code right after `await quick()` is not taken for quick\'s (folded created, callee never parked)', async () => {
    runtime.enableDebug({ watchdog: false, onReport: () => undefined });
    const m = load(true);
    const lib = () => new Promise<void>((resolve) => setImmediate(resolve));
    const { stored } = (await m.storesAfterAwait!(lib)) as { stored: Promise<void> };
    await stored;
    assert.equal(taskOfPromise(stored), null);
  });

  it('the debug hooks, threw included, never throw on bad arguments', () => {
    runtime.enableDebug({ watchdog: false, onReport: () => undefined });
    const h = runtime.hooks as unknown as Record<string, (...args: unknown[]) => unknown>;
    const odd: unknown[] = [undefined, null, 0, -1, NaN, 'x', Symbol('s'), {}, () => {}, { functionSite: 1, id: 7, prevLive: 5 }];
    for (const a of odd) {
      for (const b of odd) {
        h.threw!(a, b);
        h.exit!(a);
        const task = h.enter!(a);
        h.park!(task, b, 1);
        h.resume!(task, 1);
        h.threw!(task, b);
        h.exit!(task);
      }
    }
    assert.equal(runtime.liveTaskCount(), 0);
  });
});

// The runtime driven by code the real transform compiled (createTransformer + ts.transpileModule).
import assert from 'node:assert/strict';
import { Session } from 'node:inspector';
import { describe, it } from 'node:test';
import * as runtime from '../../src/runtime/index';
import { loadCompiled } from '../support/instrumented';

const source = `
export async function leaf(gate: Promise<void>): Promise<string> {
  await gate;
  return 'leaf';
}

export async function middle(gate: Promise<void>): Promise<string> {
  const value = await leaf(gate);
  return value + '+middle';
}

export async function top(gate: Promise<void>): Promise<string[]> {
  const values = await Promise.all([middle(gate), middle(gate)]);
  return values;
}

export async function throwsAfter(gate: Promise<void>): Promise<string> {
  try {
    await gate;
    throw new Error('late');
  } catch (error) {
    await null;
    return (error as Error).message;
  }
}

export async function* pages(gate: Promise<void>, probe: () => void): AsyncGenerator<number> {
  await gate;
  yield 1;
  probe();
  await gate;
  yield 2;
}
`;

function loadInstrumented(code = source): Record<string, (gate: Promise<void>) => Promise<unknown>> {
  const { exports, output } = loadCompiled(code, 'src/service.ts');
  assert.match(output, /__lw\.enter\(/, 'the transform instrumented the module');
  return exports;
}

describe('runtime with transform output', () => {
  it('reports tasks, creation sites and parents of transformed code, and forgets them when done', async () => {
    const { top, throwsAfter } = loadInstrumented();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const all = top!(gate);
    const failing = throwsAfter!(gate);
    const list = runtime.tasks();
    assert.deepEqual(list.map((t) => t.name).sort(), ['leaf', 'leaf', 'middle', 'middle', 'throwsAfter', 'top']);
    const leaf = list.find((t) => t.name === 'leaf')!;
    assert.deepEqual(leaf.parkedAt, { file: 'src/service.ts', line: 3, column: 3 });
    assert.deepEqual(leaf.createdAt, { file: 'src/service.ts', line: 8, column: 23 });
    const chain = runtime.whereInfo(leaf)!.parents.map((p) => ('name' in p ? p.name : p.state));
    assert.deepEqual(chain, ['middle', 'top'], 'parents known even when created in a first segment');
    assert.match(runtime.where(leaf), /^#\d+ leaf parked at src\/service\.ts:3:3 \(await\), created at src\/service\.ts:8:23\n {2}created by #\d+ middle/);
    open();
    assert.deepEqual(await all, ['leaf+middle', 'leaf+middle']);
    assert.equal(await failing, 'late');
    assert.equal(runtime.liveTaskCount(), 0);
  });

  it('lists an async generator while it awaits, not while it waits at a yield for its consumer', async () => {
    const pages = loadInstrumented().pages as unknown as (gate: Promise<void>, probe: () => void) => AsyncGenerator<number>;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let runningAfterYield: unknown;
    const it = pages(gate, () => {
      const task = runtime.currentTask();
      runningAfterYield = task && [task.name, task.state];
    });
    const first = it.next();
    assert.deepEqual(runtime.tasks().map((t) => [t.name, t.parkedOn, t.parkedAt?.line]), [['pages', 'await', 28]]);
    const id = runtime.tasks()[0]!.id;
    open();
    assert.deepEqual(await first, { value: 1, done: false });
    assert.deepEqual(runtime.tasks(), [], 'suspended at yield 1');
    const second = it.next();
    assert.deepEqual(runtime.tasks().map((t) => [t.id, t.parkedOn, t.parkedAt?.line]), [[id, 'await', 31]], 'back in the list, same id');
    assert.deepEqual(runningAfterYield, ['pages', 'running'], 'listed again as soon as it resumes');
    assert.deepEqual(await second, { value: 2, done: false });
    assert.equal(runtime.liveTaskCount(), 0);
    assert.deepEqual(await it.next(), { value: undefined, done: true });
    assert.equal(runtime.liveTaskCount(), 0);
  });

  it('a task is listed at the await it is parked on, also where that await\'s operand awaited first', async () => {
    const nested = loadInstrumented(`
export async function inner(gate: Promise<void>): Promise<number> { await gate; return 1; }
export async function outer(first: Promise<void>, second: Promise<void>): Promise<number> {
  return await add(await inner(first), second);
}
export async function add(n: number, gate: Promise<void>): Promise<number> {
  await gate;
  return n + 1;
}
`) as unknown as Record<string, (first: Promise<void>, second: Promise<void>) => Promise<number>>;
    let openFirst!: () => void;
    let openSecond!: () => void;
    const first = new Promise<void>((resolve) => (openFirst = resolve));
    const second = new Promise<void>((resolve) => (openSecond = resolve));
    const result = nested.outer!(first, second);
    const outerAt = () => runtime.tasks().find((t) => t.name === 'outer')?.parkedAt;
    assert.deepEqual([outerAt()?.line, outerAt()?.column], [4, 20]);
    openFirst();
    await new Promise((resolve) => setImmediate(resolve));
    // Parked on \`add(…)\`: at the outer await, though its operand's own await stored its site last.
    assert.deepEqual([outerAt()?.line, outerAt()?.column], [4, 10]);
    openSecond();
    assert.equal(await result, 2);
  });

  it('a task whose first await throws into its own catch before parking is claimed by its caller when it parks', async () => {
    const m = loadInstrumented(`
export async function child(gate: Promise<void>): Promise<void> { await gate; }
export async function recovers(gate: Promise<void>, fail: () => Promise<void>): Promise<number> {
  const kid = child(gate);
  try { await fail(); } catch { /* thrown before it parked */ }
  await kid;
  return 1;
}
export async function caller(gate: Promise<void>, fail: () => Promise<void>): Promise<number> {
  return await recovers(gate, fail);
}
`) as unknown as Record<string, (gate: Promise<void>, fail: () => Promise<void>) => Promise<number>>;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const result = m.caller!(gate, () => { throw new Error('at once'); });
    const listed = runtime.tasks();
    const recovers = listed.find((t) => t.name === 'recovers');
    const caller = listed.find((t) => t.name === 'caller');
    // Its catch resumed it (it had an id, as the parent of \`child\`) before it ever parked: not a
    // generator coming back from a yield, so it was not linked then, and its first park is its first.
    assert.deepEqual([recovers?.createdAt?.line, recovers?.parentId], [10, caller?.id]);
    open();
    assert.equal(await result, 1);
  });

  it('a task leaves the registry at every return and throw of a body without a finally, and stays listed in a finally that runs after its return', async () => {
    const exits = loadInstrumented(`
export async function early(gate: Promise<void>, n: number): Promise<string | undefined> {
  await gate;
  for (let i = 0; ; i++) {
    switch (n) {
      case 0: return 'zero';
      case 1: if (i > 1) return;
        continue;
      default: throw new Error('n');
    }
  }
}
export const concise = async (gate: Promise<void>) => (await gate, 'concise');
export async function cleanupAfterReturn(gate: Promise<void>, cleanup: Promise<void>): Promise<string> {
  try {
    await gate;
    return 'returned';
  } finally {
    await cleanup;
  }
}
`) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let clean!: () => void;
    const cleanup = new Promise<void>((resolve) => (clean = resolve));
    const results = [exits.early!(gate, 0), exits.early!(gate, 1), exits.early!(gate, 2).catch((e: Error) => e.message), exits.concise!(gate)];
    const cleaning = exits.cleanupAfterReturn!(gate, cleanup);
    assert.equal(runtime.liveTaskCount(), 5);
    open();
    assert.deepEqual(await Promise.all(results), ['zero', undefined, 'n', 'concise']);
    const parked = runtime.tasks();
    assert.deepEqual(parked.map((t) => [t.name, t.parkedAt?.line]), [['cleanupAfterReturn', 19]], 'parked in its finally, after its return');
    clean();
    assert.equal(await cleaning, 'returned');
    assert.equal(runtime.liveTaskCount(), 0);
  });
  it('tasks that forEach or emit start inside a task are orphans alike: the call that returned no promise claims none', async () => {
    const m = loadInstrumented(source + `
import { EventEmitter } from 'node:events';
export async function fanOut(gate: Promise<void>): Promise<void> {
  await null;
  ['a', 'b', 'c'].forEach(async (x) => { await gate; });
  const emitter = new EventEmitter();
  emitter.on('go', async () => { await gate; });
  emitter.emit('go');
}
`);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const done = m.fanOut!(gate);
    await done;
    const orphans = runtime.tasks().filter((t) => t.name === '<anonymous>');
    assert.equal(orphans.length, 4);
    // No creation site (no instrumented call started them); the parent is the task that was running.
    const parent = runtime.tasks().length > 0 ? orphans[0]!.parentId : null;
    assert.notEqual(parent, null);
    assert.deepEqual(orphans.map((t) => [t.createdAt, t.parentId]), [[null, parent], [null, parent], [null, parent], [null, parent]]);
    open();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(runtime.liveTaskCount(), 0);
  });

  it('calls no Array.prototype method on the paths emitted code takes: a program that replaces them sees only its own calls', async () => {
    const m = loadInstrumented(source + `
export async function consume(gate: Promise<void>, pagesOf: typeof pages): Promise<number[]> {
  const generator = pagesOf(gate, () => undefined);
  const seen: number[] = [];
  await gate;
  // The generator resumes inside this task's segment: a nested resume.
  for (let page = await generator.next(); page.done !== true; page = await generator.next()) seen[seen.length] = page.value;
  return seen;
}
`);
    const consume = m.consume as unknown as (gate: Promise<void>, pagesOf: unknown) => Promise<number[]>;
    // A new clock turn starts at the first park after a millisecond has passed.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const names = ['push', 'pop', 'shift', 'unshift', 'slice', 'splice', 'concat', 'indexOf', 'copyWithin', 'fill'] as const;
    const originals = names.map((name) => Array.prototype[name]);
    const calls: string[] = [];
    names.forEach((name, i) => {
      const original = originals[i] as (...args: unknown[]) => unknown;
      Object.defineProperty(Array.prototype, name, {
        configurable: true, writable: true,
        value: function (this: unknown[], ...args: unknown[]) {
          // Node's own async_hooks pop arrays on every promise hook while the test runner watches: count the runtime's calls.
          if (/[\\/]src[\\/]runtime[\\/]/.test(new Error().stack ?? '')) calls[calls.length] = name;
          return original.apply(this, args);
        },
      });
    });
    let result: [number[], string[], string];
    try {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const pending = [consume(gate, m.pages), m.top!(gate), m.throwsAfter!(gate)] as const;
      open();
      const [pages, top, thrown] = [await pending[0], await pending[1], await pending[2]];
      result = [pages, top as string[], thrown as string];
    } finally {
      names.forEach((name, i) => Object.defineProperty(Array.prototype, name, { configurable: true, writable: true, value: originals[i] }));
    }
    assert.deepEqual(result, [[1, 2], ['leaf+middle', 'leaf+middle'], 'late']);
    assert.deepEqual(calls, []);
    assert.equal(runtime.liveTaskCount(), 0);
  });

  it('throws and catches nothing inside the hooks on the paths emitted code takes, a call with no task around it included', async () => {
    // The hooks turn bad arguments away with a caught TypeError in places (hooks.ts `isTaskArgument`);
    // a path emitted code takes must not, or every request of a server pays for a stack capture.
    const m = loadInstrumented(source + `
export function fromPlainCode(gate: Promise<void>): Promise<string> {
  return middle(gate);
}
`);
    const session = new Session();
    session.connect();
    const thrownAt: string[] = [];
    session.on('Debugger.paused', (message) => {
      const frame = message.params.callFrames[0];
      thrownAt.push(`${frame?.functionName} (${message.params.reason})`);
      session.post('Debugger.resume');
    });
    session.post('Debugger.enable');
    session.post('Debugger.setPauseOnExceptions', { state: 'all' });
    try {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const results = [m.fromPlainCode!(gate), m.top!(gate), m.middle!(gate)];
      const pages = (m.pages as unknown as (gate: Promise<void>, probe: () => void) => AsyncGenerator<number>)(gate, () => undefined);
      const firstPage = pages.next();
      open();
      assert.deepEqual(await Promise.all(results), ['leaf+middle', ['leaf+middle', 'leaf+middle'], 'leaf+middle']);
      assert.deepEqual(await firstPage, { value: 1, done: false });
      await pages.return(undefined);
    } finally {
      session.post('Debugger.setPauseOnExceptions', { state: 'none' });
      session.disconnect();
    }
    assert.deepEqual(thrownAt, []);
    assert.equal(runtime.liveTaskCount(), 0);
  });
});

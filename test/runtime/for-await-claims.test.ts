// Creation sites and parents around `for await` over instrumented async generators: the generator's
// body starts inside the loop's first `next()`, after the consuming task has parked
// (src/runtime/generator-claims.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { state } from '../../src/runtime/hooks';
import * as runtime from '../../src/runtime/index';
import { loadCompiled, type LoadedModule } from '../support/instrumented';

const source = `
export async function* pages(gate: Promise<void>): AsyncGenerator<number> { await gate; yield 1; }
export async function* eager(gate: Promise<void>): AsyncGenerator<number> { yield 0; await gate; yield 1; }
export async function firstStep(gate: Promise<void>): Promise<void> { for await (const x of pages(gate)) void x; }
export async function laterStep(gate: Promise<void>): Promise<void> { await null; for await (const x of pages(gate)) void x; }
export async function eagerFirst(gate: Promise<void>): Promise<void> { for await (const x of eager(gate)) void x; }
export async function main(gate: Promise<void>): Promise<void> {
  const all = [firstStep(gate), laterStep(gate), eagerFirst(gate), pipeline(gate)];
  await Promise.all(all);
}
export async function* doubled(source: AsyncIterable<number>): AsyncGenerator<number> { for await (const x of source) yield x * 2; }
export async function pipeline(gate: Promise<void>): Promise<void> { for await (const x of doubled(pages(gate))) void x; }
export async function nextEager(gate: Promise<void>): Promise<void> {
  const it = eager(gate);
  await it.next();
  await it.next();
}
export async function plainIterable(gate: Promise<void>, iterable: AsyncIterable<number>): Promise<void> {
  for await (const x of iterable) void x;
  await gate;
}
export async function afterPlainLoop(gate: Promise<void>, iterable: AsyncIterable<number>): Promise<void> {
  const looping = plainIterable(gate, iterable);
  const it = pages(gate);
  await it.next();
  await looping;
}
`;

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The fixture, freshly compiled and loaded, and a gate its tasks park on until `open()`. */
function load() {
  const { exports: m } = loadCompiled(source, 'src/loops.ts');
  let opened!: () => void;
  const gate = new Promise<void>((resolve) => (opened = resolve));
  return { m, gate, open: () => opened() };
}

interface Seen { name: string; createdAt: string | null; parent: string | null }

function seen(): Seen[] {
  const list = runtime.tasks();
  const nameOf = (id: number | null) => list.find((t) => t.id === id)?.name ?? null;
  return list
    .map((t) => ({ name: t.name, createdAt: t.createdAt && `${t.createdAt.line}:${t.createdAt.column}`, parent: nameOf(t.parentId) }))
    .sort((a, b) => `${a.name}${a.parent}`.localeCompare(`${b.name}${b.parent}`));
}

/** Runs `start` until its tasks park on the gate, compares what tasks() shows, then lets them finish. */
async function whileParked(start: (m: LoadedModule, gate: Promise<void>) => Promise<unknown>, expected: Seen[]): Promise<void> {
  const { m, gate, open } = load();
  const done = start(m, gate);
  await settle();
  assert.deepEqual(seen(), expected);
  open();
  await done;
  assert.equal(runtime.liveTaskCount(), 0);
}

describe('for await over an instrumented async generator', () => {
  it('gives the loop task its caller\'s call and the generator the loop, as the first step, later, for a generator that yields first, and through a pipeline', async () => {
    await whileParked((m, gate) => m.main!(gate), [
      { name: 'doubled', createdAt: '12:92', parent: 'pipeline' },
      { name: 'eager', createdAt: '6:94', parent: 'eagerFirst' },
      { name: 'eagerFirst', createdAt: '8:50', parent: 'main' },
      { name: 'firstStep', createdAt: '8:16', parent: 'main' },
      { name: 'laterStep', createdAt: '8:33', parent: 'main' },
      { name: 'main', createdAt: null, parent: null },
      { name: 'pages', createdAt: '11:89', parent: 'doubled' },
      { name: 'pages', createdAt: '4:93', parent: 'firstStep' },
      { name: 'pages', createdAt: '5:105', parent: 'laterStep' },
      { name: 'pipeline', createdAt: '8:68', parent: 'main' },
    ]);
  });

  it('an async generator that yields first, started by a next() call, is claimed by that call once it resumes', async () => {
    await whileParked((m, gate) => m.nextEager!(gate), [
      { name: 'eager', createdAt: '15:9', parent: 'nextEager' },
      { name: 'nextEager', createdAt: null, parent: null },
    ]);
  });

  it('a loop over anything but a generator object claims nothing: a generator started next is claimed by its own call', async () => {
    const { m, gate, open } = load();
    const stream = { async *[Symbol.asyncIterator]() { yield 1; } };
    const done = m.afterPlainLoop!(gate, stream);
    // Started from uninstrumented code in the loop's stretch: neither the loop's nor anyone's.
    const loose = m.plainIterable!(gate, [1]);
    const orphan = m.pages!(gate);
    void orphan.next();
    await settle();
    assert.deepEqual(seen().filter((t) => t.name === 'pages'), [
      { name: 'pages', createdAt: '25:9', parent: 'afterPlainLoop' },
      { name: 'pages', createdAt: null, parent: null },
    ]);
    open();
    await Promise.all([done, loose, orphan.next()]);
    assert.equal(runtime.liveTaskCount(), 0);
  });

  it('holds the loop\'s task only until the end of the synchronous stretch', async () => {
    const { exports: m } = loadCompiled(source, 'src/loops.ts');
    const done = m.laterStep!(Promise.resolve());
    await null;
    assert.notEqual(state.loopTask, null, 'set by the loop head');
    await settle();
    assert.equal(state.loopTask, null);
    assert.equal(state.loopGenerator, null);
    await done;
  });
});

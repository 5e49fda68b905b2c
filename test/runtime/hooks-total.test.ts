import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  currentTask, formatTasks, hooks, liveTaskCount, nameTask, printTasks, tasks, where, whereInfo,
} from '../../src/runtime/index';
import { deferred, waitFor } from './fixtures/instrumented';

const odd: unknown[] = [
  undefined, null, 0, -1, NaN, 1.5, 2 ** 40, 'x', Symbol('s'), 10n, {}, [], () => {}, Object.create(null),
  // Look-alikes of a task (the hooks check the shape structurally).
  { prevLive: 'x' }, { parkedAt: 1, id: 7, prevLive: 5, nextLive: 'y' }, { parkedAt: Symbol('p'), id: 'z', prevLive: null },
  // The shape check reads `prevLive`: a getter that throws is not a task, and its error goes nowhere.
  { get prevLive(): never { throw new Error('not a task'); } },
];

describe('hooks are total', () => {
  it('never throw on bad arguments and return the value they were given', () => {
    const h = hooks as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const a of odd) {
      for (const b of odd) {
        const value = { marker: true };
        assert.equal(h.park!(a, b, value), value);
        assert.equal(h.suspend!(a, value), value);
        assert.equal(h.resume!(a, value), value);
        assert.equal(h.awaiting!(a, value), value);
        assert.equal(h.awaited!(a, value), value);
        assert.equal(h.created!(a, value, b), value);
        assert.equal(h.forAwait!(a, value), value);
        const generator = (async function* () {})();
        assert.equal(h.forAwait!(a, generator), generator);
        h.threw!(a, b);
        h.exit!(a);
        const task = h.enter!(a);
        assert.equal(typeof task, 'object');
        const started = h.enterGenerator!(a);
        assert.equal(typeof started, 'object');
        h.exit!(started);
        assert.equal(h.park!(task, b, value), value);
        h.resume!(task, b);
        // What the emitted code stores into a task: a site before `suspend`, a thrown value.
        const stored = task as { parkedAt: unknown; thrown: unknown };
        stored.parkedAt = b;
        assert.equal(h.awaiting!(task, value), value);
        h.awaited!(task);
        stored.parkedAt = b;
        assert.equal(h.suspend!(task, value), value);
        assert.equal(h.forAwait!(task, generator), generator);
        h.resume!(task, b);
        stored.thrown = b;
        h.exit!(task);
        assert.equal(typeof h.registerSites!(a, b, a), 'number');
        assert.equal(typeof h.registerSites!('f.ts', [a, b, a, b], [a, b]), 'number');
      }
    }
    assert.equal(liveTaskCount(), 0, 'every task parked above was exited');
  });

  it('does not relink or revive a task that has exited', () => {
    const task = hooks.enter(1);
    hooks.park(task, 2, undefined);
    hooks.exit(task);
    hooks.exit(task);
    hooks.park(task, 2, undefined);
    hooks.resume(task, undefined);
    assert.equal(liveTaskCount(), 0);
    assert.equal(currentTask(), null);
  });

  it('keeps site ids that are not numbers (an ESM cycle before registerSites) as unknown sites', async () => {
    const gate = deferred();
    const task = hooks.enter(undefined as unknown as number);
    hooks.park(task, NaN, gate.promise);
    const [info] = tasks();
    assert.equal(info!.functionSite, null);
    assert.equal(info!.name, '<anonymous>');
    assert.equal(info!.parkedAt, null);
    hooks.exit(task);
    assert.equal(liveTaskCount(), 0);
  });

  it('knows a parked task\'s function from the site table, and lists tasks of tables without that mapping (older transforms) all the same', async () => {
    const gate = deferred();
    const mapped = hooks.registerSites('src/mapped.ts', [0, 1, 1, 0, 1, 2, 3, -2, 1, 3, 3, -9], ['mapped']);
    const unmapped = hooks.registerSites('src/unmapped.ts', [0, 1, 1, 0, 1, 2, 3, -1], ['unmapped']);
    const a = hooks.enter(mapped);
    hooks.park(a, mapped + 1, gate.promise);
    const b = hooks.enter(unmapped);
    hooks.park(b, unmapped + 1, gate.promise);
    const c = hooks.enter(mapped);
    hooks.park(c, mapped + 2, gate.promise); // -9: a function id outside the table counts as unknown
    assert.deepEqual(tasks().map((t) => [t.name, t.functionSite?.line ?? null, t.parkedAt?.line]), [
      ['mapped', 1, 2], ['<anonymous>', null, 2], ['<anonymous>', null, 3],
    ]);
    for (const task of [a, b, c]) hooks.exit(task);
    assert.equal(liveTaskCount(), 0);
  });

  it('the public API never throws either', async () => {
    const gate = deferred();
    const running = waitFor(gate.promise);
    for (const a of odd) {
      for (const b of odd) assert.equal(nameTask(a, b as string), a);
      assert.equal(typeof where(a as number), 'string');
      whereInfo(a as number);
    }
    printTasks({ write() { throw new Error('closed'); } });
    printTasks(null as never);
    assert.match(formatTasks(), /waitFor/);
    gate.resolve();
    await running;
  });
});

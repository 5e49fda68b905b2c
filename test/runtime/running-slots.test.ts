import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hooks, RunningSlot, state } from '../../src/runtime/hooks';
import { Slot, snapshot } from '../../src/runtime/debug/shared';

// Hand-written hook calls, as instrumented code makes them: [kind, line, column, name] per site.
const base = hooks.registerSites('running-slots.ts', [
  0, 1, 1, -1, // function a
  0, 2, 1, -1, // function b
  1, 3, 5, -1, // an await in a
  1, 4, 5, -1, // another await in a
  1, 5, 5, -1, // an await in b
  7, 6, 5, -1, // an awaited call
], []);
const [FN_A, FN_B, AWAIT_A1, AWAIT_A2, AWAIT_B, CALL] = [0, 1, 2, 3, 4, 5].map((i) => base + i);
const running = state.running;
const published = () => ({
  id: running[RunningSlot.Id], lastId: running[RunningSlot.LastId], fn: running[RunningSlot.Function],
  created: running[RunningSlot.Created], site: running[RunningSlot.Site],
});

describe('the running task in shared memory (state.running)', () => {
  it('is shared memory, and is published on resume and where it stopped on park and exit', () => {
    assert.ok(running.buffer instanceof SharedArrayBuffer);
    const firstParks = running[RunningSlot.FirstParks]!;
    const a = hooks.enter(FN_A);
    hooks.park(a, AWAIT_A1, undefined);
    hooks.created(CALL, Promise.resolve());
    assert.equal(running[RunningSlot.FirstParks], firstParks + 1);
    hooks.resume(a, undefined);
    assert.deepEqual(published(), { id: a.id, lastId: a.id, fn: FN_A, created: CALL, site: AWAIT_A1 });
    hooks.park(a, AWAIT_A2, undefined);
    assert.deepEqual(published(), { id: 0, lastId: a.id, fn: FN_A, created: CALL, site: AWAIT_A2 });
    hooks.resume(a, undefined);
    assert.deepEqual(published(), { id: a.id, lastId: a.id, fn: FN_A, created: CALL, site: AWAIT_A2 });
    // Not a first park: the count stays.
    hooks.park(a, AWAIT_A1, undefined);
    assert.equal(running[RunningSlot.FirstParks], firstParks + 1);
    hooks.resume(a, undefined);
    hooks.exit(a);
    assert.deepEqual(published(), { id: 0, lastId: a.id, fn: FN_A, created: CALL, site: FN_A });
  });

  it('publishes the interrupted task again when a task resumed inside its segment parks', () => {
    const a = hooks.enter(FN_A);
    hooks.park(a, AWAIT_A1, undefined);
    const b = hooks.enter(FN_B);
    hooks.park(b, AWAIT_B, undefined);
    hooks.resume(a, undefined);
    // An async generator's next() inside a's segment: b runs nested, then parks again.
    hooks.resume(b, undefined);
    assert.deepEqual(published(), { id: b.id, lastId: b.id, fn: FN_B, created: 0, site: AWAIT_B });
    hooks.park(b, AWAIT_B, undefined);
    assert.deepEqual(published(), { id: a.id, lastId: a.id, fn: FN_A, created: 0, site: AWAIT_A1 });
    hooks.exit(a);
    hooks.resume(b, undefined);
    hooks.exit(b);
    assert.deepEqual(published(), { id: 0, lastId: b.id, fn: FN_B, created: 0, site: FN_B });
  });

  it('gives the watchdog the running task, the last one, or the innermost first segment still open', () => {
    const view = new Int32Array(Slot.Size);
    const a = hooks.enter(FN_A);
    hooks.park(a, AWAIT_A1, undefined);
    hooks.resume(a, undefined);
    assert.deepEqual(snapshot(view, running), [a.id, FN_A, 0, AWAIT_A1, 0, 0, 0, 0]);
    hooks.park(a, AWAIT_A2, undefined);
    assert.deepEqual(snapshot(view, running), [0, 0, 0, 0, a.id, FN_A, 0, AWAIT_A2]);
    // Two first segments entered (a, then b inside it) as of the current first-park count; one more first park ends b's.
    view[Slot.Depth] = 2;
    view[Slot.Entered] = FN_A;
    view[Slot.Entered + 1] = FN_B;
    view[Slot.ParksSeen] = running[RunningSlot.FirstParks]!;
    assert.deepEqual(snapshot(view, running), [0, FN_B, 0, 0, 0, 0, 0, 0]);
    const b = hooks.enter(FN_B);
    hooks.park(b, AWAIT_B, undefined);
    assert.deepEqual(snapshot(view, running), [0, FN_A, 0, 0, 0, 0, 0, 0]);
    hooks.resume(a, undefined);
    hooks.exit(a);
    hooks.resume(b, undefined);
    hooks.exit(b);
  });
});

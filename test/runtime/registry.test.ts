import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { currentTask, formatTasks, liveTaskCount, nameTask, printTasks, tasks, where, whereInfo } from '../../src/runtime/index';
import { liveTasks } from '../../src/runtime/registry';
import {
  catchFirst, consume, deferred, failing, handle, hooks, thenCall, JOBS_FILE, SITE_TEST_CALL, spawn, ticks, waitFor,
} from './fixtures/instrumented';

/** Lets every queued microtask and callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function site(line: number, column: number) {
  return { file: JOBS_FILE, line, column };
}

describe('task registry', () => {
  it('lists parked tasks with their sites, parent and state, and forgets them when they finish', async () => {
    const gate = deferred<string>();
    const result = hooks.created(SITE_TEST_CALL, handle(gate.promise));
    const list = tasks();
    assert.equal(list.length, 2);
    const [child, parent] = list;
    assert.deepEqual({ ...child, ageMs: 0 }, {
      id: child!.id, state: 'parked', name: 'waitFor', functionSite: site(1, 1), createdAt: site(6, 9),
      parkedAt: site(2, 27), parkedOn: 'await', parentId: parent!.id, ageMs: 0,
    });
    assert.deepEqual({ ...parent, ageMs: 0 }, {
      id: parent!.id, state: 'parked', name: 'handle', functionSite: site(5, 1), createdAt: site(30, 1),
      parkedAt: site(6, 3), parkedOn: 'await', parentId: null, ageMs: 0,
    });
    assert.ok(child!.ageMs >= 0 && child!.ageMs < 5000);
    gate.resolve('ok');
    assert.equal(await result, 'ok');
    assert.equal(liveTaskCount(), 0);
  });

  it('prints a ps-style table with paths relative to the working directory', async () => {
    const gate = deferred();
    const named = nameTask(hooks.created(SITE_TEST_CALL, waitFor(gate.promise)), 'fetch user 42');
    const other = hooks.created(SITE_TEST_CALL, handle(gate.promise));
    let out = '';
    printTasks({ write: (text: string) => (out += text) });
    const [a, b, c] = tasks().map((t) => t.id);
    assert.equal(out.replace(/\d+ms$/gm, 'AGE'), [
      'id  state   name           created at        parked at         age',
      `${String(a).padStart(2)}  parked  fetch user 42  src/jobs.ts:30:1  src/jobs.ts:2:27  AGE`,
      `${String(b).padStart(2)}  parked  waitFor        src/jobs.ts:6:9   src/jobs.ts:2:27  AGE`,
      `${String(c).padStart(2)}  parked  handle         src/jobs.ts:30:1  src/jobs.ts:6:3   AGE`,
      '',
    ].join('\n'));
    gate.resolve();
    await Promise.all([named, other]);
    assert.equal(formatTasks(), '(no live tasks)\n');
  });

  it('where() gives the parked site and the chain of creating tasks, ending at a finished parent', async () => {
    const gate = deferred();
    const outer = hooks.created(SITE_TEST_CALL, handle(gate.promise));
    await spawn(gate.promise);
    const [handleChild, handleTask, orphan] = tasks();
    assert.equal(orphan!.name, 'waitFor');
    assert.equal(where(handleChild!), [
      `#${handleChild!.id} waitFor parked at src/jobs.ts:2:27 (await), created at src/jobs.ts:6:9`,
      `  created by #${handleTask!.id} handle parked at src/jobs.ts:6:3 (await), created at src/jobs.ts:30:1`,
    ].join('\n'));
    const info = whereInfo(orphan!.id)!;
    assert.equal(info.task.id, orphan!.id);
    assert.deepEqual(info.parents, [{ id: orphan!.parentId, state: 'finished' }]);
    assert.match(where(orphan!), /\n {2}created by #\d+ \(finished\)$/);
    gate.resolve();
    await outer;
    assert.equal(where(orphan!), `#${orphan!.id} (not live)`);
    assert.equal(whereInfo(orphan!), null);
  });

  it('nameTask asks a Proxy only what a TaskInfo-like needs (its id), not its prototype; a revoked one is fine', () => {
    const trapped: string[] = [];
    const counting = new Proxy({}, new Proxy({}, { get: (_, trap) => (trapped.push(String(trap)), undefined) }));
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    assert.equal(nameTask(counting, 'x'), counting);
    assert.equal(nameTask(revocable.proxy, 'x'), revocable.proxy);
    assert.deepEqual(trapped, ['has']);
  });

  it('nameTask names the task behind a promise an instrumented call returned, and nothing else', async () => {
    const gate = deferred();
    const first = hooks.created(SITE_TEST_CALL, waitFor(gate.promise));
    const second = hooks.created(SITE_TEST_CALL, waitFor(gate.promise));
    const uncreated = waitFor(gate.promise); // called from uninstrumented code: no call site, no promise known
    assert.equal(nameTask(second, 'second'), second, 'returns its argument');
    assert.equal(nameTask(first, 'first'), first);
    assert.equal(nameTask(uncreated, 'unknown'), uncreated);
    const plain = Promise.resolve(1);
    assert.equal(nameTask(plain, 'plain'), plain);
    assert.deepEqual(tasks().map((t) => t.name), ['first', 'second', 'waitFor']);
    const [firstInfo, secondInfo, third] = tasks();
    nameTask(firstInfo!, 'by snapshot');
    nameTask(secondInfo!.id, 'by id');
    nameTask(third!, 'third');
    assert.deepEqual(tasks().map((t) => t.name), ['by snapshot', 'by id', 'third']);
    gate.resolve();
    await Promise.all([first, second, uncreated]);
    assert.equal(nameTask(second, 'finished'), second);
    assert.equal(liveTaskCount(), 0);
  });

  it('currentTask() is the task running after an await, and its caller during its first segment', async () => {
    const seen: Array<string | null> = [];
    const done = consume(ticks(2), () => seen.push(currentTask()?.name ?? null));
    seen.push(currentTask()?.name ?? null);
    await done;
    assert.deepEqual(seen, [null, 'consume', 'consume']);
    assert.equal(currentTask(), null);
  });

  it('a catch in a first segment does not disturb the current task', async () => {
    const { registryState } = await import('../../src/runtime/tasks');
    const gate = deferred();
    const seen: Array<string | null> = [];
    await hooks.created(SITE_TEST_CALL, consume(ticks(1), () => {
      for (let i = 0; i < 100; i++) void catchFirst(gate.promise);
      seen.push(currentTask()?.name ?? null);
    }));
    assert.deepEqual(seen, ['consume']);
    assert.deepEqual(registryState.nested, []);
    assert.equal(liveTaskCount(), 100);
    gate.resolve();
    await settle();
    assert.equal(liveTaskCount(), 0);
  });

  it('a task started by uninstrumented code is not claimed by a later, unrelated call', async () => {
    const gate = deferred();
    const orphanGate = deferred();
    const runner = thenCall(gate.promise, () => Promise.resolve(1), () => tasks());
    const orphan = waitFor(orphanGate.promise); // as from a setTimeout callback: no created() follows
    gate.resolve();
    const seen = await runner;
    const orphanInfo = seen.find((t) => t.name === 'waitFor')!;
    assert.equal(orphanInfo.createdAt, null);
    assert.equal(orphanInfo.parentId, null);
    const self = seen.find((t) => t.name === 'thenCall')!;
    assert.equal(self.state, 'running', 'the task calling tasks() is running');
    assert.equal(self.parkedAt, null);
    orphanGate.resolve();
    await orphan;
  });

  it('keeps 10^4 parked tasks and empties the list when they are released', async () => {
    const gate = deferred();
    const all = Array.from({ length: 10_000 }, () => hooks.created(SITE_TEST_CALL, handle(gate.promise)));
    assert.equal(liveTaskCount(), 20_000);
    const list = tasks();
    assert.equal(list.length, 20_000);
    assert.equal(new Set(list.map((t) => t.id)).size, 20_000);
    gate.resolve();
    await Promise.all(all);
    assert.equal(liveTaskCount(), 0);
    assert.deepEqual(tasks(), []);
  });

  it('unlinks a finished task at once and keeps neither it nor its promise alive', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const gate = deferred();
    let promise: Promise<unknown> | undefined = hooks.created(SITE_TEST_CALL, waitFor(gate.promise));
    nameTask(promise, 'watched');
    const task = new WeakRef(liveTasks()[0]!);
    const promiseRef = new WeakRef(promise);
    gate.resolve();
    await promise;
    assert.equal(liveTaskCount(), 0, 'unlinked when its body completed');
    promise = undefined;
    await settle();
    gc();
    gc();
    assert.equal(task.deref(), undefined, 'the finished task was collected');
    assert.equal(promiseRef.deref(), undefined, 'its promise was collected');
  });

  it('follows a rejected await into catch and the next await; a throwing task leaves the list', async () => {
    const gate = deferred();
    const after = deferred();
    const seen: string[] = [];
    const result = failing(gate.promise, after.promise, seen);
    assert.equal(tasks()[0]!.parkedAt!.line, 11);
    gate.reject(new Error('boom'));
    await settle();
    assert.deepEqual(seen, ['caught boom']);
    const [info] = tasks();
    assert.equal(info!.state, 'parked');
    assert.equal(info!.parkedAt!.line, 14);
    after.resolve();
    assert.equal(await result, 'done');

    const thrower = deferred();
    const failed = waitFor(thrower.promise);
    thrower.reject(new Error('lost'));
    await assert.rejects(failed, /lost/);
    assert.equal(liveTaskCount(), 0);
    assert.equal(currentTask(), null);
  });

  it('ages tasks from the turn they first parked in, and trims the turn table as tasks finish', async () => {
    const { registryState } = await import('../../src/runtime/tasks');
    const gate = deferred();
    const old = waitFor(gate.promise);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const young = waitFor(gate.promise);
    const [oldInfo, youngInfo] = tasks();
    assert.ok(oldInfo!.ageMs >= 30, `old task age ${oldInfo!.ageMs}`);
    assert.ok(youngInfo!.ageMs < 30, `young task age ${youngInfo!.ageMs}`);
    assert.match(formatTasks(), /\d+ms\n/);
    gate.resolve();
    await Promise.all([old, young]);
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const g = deferred();
      const t = waitFor(g.promise);
      g.resolve();
      await t;
    }
    assert.ok(registryState.turnIds.length <= 1, 'turns older than every live task are dropped');
  });

  it('keeps its clock running under fake timers', async () => {
    const { registryState } = await import('../../src/runtime/tasks');
    const gate = deferred();
    await new Promise((resolve) => setTimeout(resolve, 5)); // lets the last turn's real timer fire
    registryState.clockValid = false;
    mock.timers.enable({ apis: ['setTimeout'] });
    let old: Promise<unknown>;
    try {
      old = waitFor(gate.promise); // starts a clock turn while setTimeout is faked
    } finally {
      mock.timers.reset();
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
    const young = waitFor(gate.promise);
    const [oldInfo, youngInfo] = tasks();
    assert.ok(oldInfo!.ageMs >= 30, `old task age ${oldInfo!.ageMs}`);
    assert.ok(youngInfo!.ageMs < 30, `young task age ${youngInfo!.ageMs}`);
    gate.resolve();
    await Promise.all([old, young]);
  });

  it('keeps the turn table small while one old task lives through many turns', async () => {
    const { registryState } = await import('../../src/runtime/tasks');
    const { taskStartTime } = await import('../../src/runtime/registry');
    const gate = deferred();
    const old = waitFor(gate.promise);
    const oldTask = liveTasks()[0]!;
    const oldStart = taskStartTime(oldTask);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const middleGate = deferred();
    const middle = waitFor(middleGate.promise);
    const middleStart = taskStartTime(liveTasks()[0]!);
    for (let i = 0; i < 5000; i++) {
      registryState.clockValid = false; // as if each of these ran in a turn of its own
      const g = deferred();
      const t = waitFor(g.promise);
      g.resolve();
      await t;
    }
    assert.ok(registryState.turnIds.length < registryState.turnCapacity, `${registryState.turnIds.length} turns kept`);
    assert.ok(registryState.turnCapacity <= 1024, 'two live tasks never need more room');
    assert.equal(taskStartTime(oldTask), oldStart);
    assert.equal(taskStartTime(liveTasks().find((t) => t.id !== oldTask.id)!), middleStart);
    gate.resolve();
    middleGate.resolve();
    await Promise.all([old, middle]);
  });

  it('does not list an async generator suspended at yield (it waits for its consumer), and finishes it on return()', async () => {
    const gen = ticks(5);
    assert.deepEqual(await gen.next(), { value: 0, done: false });
    assert.deepEqual(tasks(), []);
    assert.equal(liveTaskCount(), 0);
    assert.deepEqual(await gen.next(), { value: 1, done: false });
    assert.equal(liveTaskCount(), 0);
    await gen.return(undefined);
    assert.equal(liveTaskCount(), 0);
    const items: number[] = [];
    await consume(ticks(3), (n) => items.push(n));
    assert.deepEqual(items, [0, 1, 2]);
    assert.equal(liveTaskCount(), 0);
  });

  it('keeps nothing of an async generator its consumer dropped at a yield without return()', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // The task is reachable from nothing public once unlinked: catch it as `enter` makes it.
    const realEnter = hooks.enter;
    let task: WeakRef<object> | undefined;
    hooks.enter = (functionSite) => {
      const made = realEnter(functionSite);
      task = new WeakRef(made);
      return made;
    };
    let gen: AsyncGenerator<number> | undefined = ticks(5);
    try {
      // The body (and its `enter`) runs on the first next().
      assert.deepEqual(await gen.next(), { value: 0, done: false });
    } finally {
      hooks.enter = realEnter;
    }
    assert.ok(task?.deref() !== undefined, 'the generator entered');
    gen = undefined;
    await settle();
    gc();
    gc();
    assert.equal(task!.deref(), undefined, 'the abandoned generator\'s task was collected');
  });
});

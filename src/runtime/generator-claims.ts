/**
 * Creation sites and parents of async generators, whose body starts in its first `next()` rather
 * than at its call, so the claim protocol of hooks.ts (the recorded call that gets control back
 * right after a task first parks claims it) needs help in two places:
 * - a `for await` over a generator object claims the generator its first `next()` starts
 *   (`forAwait`, `enterGenerator`), and the claim that generator's first park takes goes to the
 *   loop's task, or through a pipeline to the outermost one (`claimLoopTask`);
 * - a generator whose first step is a `yield` leaves the registry at that yield, so its claim is
 *   kept as integers and applied when it resumes (`applyYieldClaim`).
 * Cold paths only: nothing here runs for an `await` or a call of an async function that is not a
 * generator. docs/internals.md, "`for await`".
 */
import { isGeneratorObject } from 'node:util/types';
import type { Hooks, RegistryState, Task } from './hooks';
import { SiteKind } from './site-kind';

/** What these claims need of hooks.ts, which creates them once (no import cycle). */
export interface ClaimContext {
  readonly state: RegistryState;
  /** The shared hooks object, made after these functions: a generator enters through its `enter`. */
  readonly hooks: () => Hooks;
  readonly isTask: (value: unknown) => value is Task;
  readonly siteId: (value: unknown) => number;
  /** `parkedAt` of a task that has exited. */
  readonly done: number;
}

export interface GeneratorClaims {
  forAwait<T>(task: Task, iterable: T): T;
  enterGenerator(functionSite: number): Task;
  /** `claim`'s branch for a task that handed control back but is not the pending one, or is claimed already. */
  claimUnusual(pending: Task | null, returnedId: number, callSite: number, value: unknown, parent: Task | undefined): void;
  /** A task back from a yield: the claim its first park at a yield could not take. */
  applyYieldClaim(task: Task): void;
}

/** Settled at load: `then` on it queues a microtask that user code cannot have replaced (fake timers do replace `queueMicrotask`). */
const settled = Promise.resolve();
const promiseThen = Promise.prototype.then;
const apply = Reflect.apply;

export function generatorClaims({ state, hooks, isTask, siteId, done }: ClaimContext): GeneratorClaims {
  const siteKinds = state.siteKind;
  let loopStartQueued = false;

  /** A parent's id, given it now if it has none (ids are otherwise given at a task's first park). */
  function idOf(parent: Task): number {
    let id = parent.id;
    if (id === 0) parent.id = id = state.nextId++;
    return id;
  }

  /** What hooks.ts `claim` does with the task it claims. */
  function adopt(task: Task, callSite: number, value: unknown, parent: Task | undefined): void {
    task.createdAt = callSite;
    task.promise = value;
    if (isTask(parent) && parent !== task) task.parentId = idOf(parent);
  }

  /**
   * A task whose first step was `for await` over an instrumented async generator: the generator's body
   * started in the loop's first `next()` and parked after the task did, so the task that just handed
   * control back is the generator. The call being claimed started the loop's task (`loopClaimant`), not
   * the generator (which `enterGenerator` gave its own creation site).
   */
  function claimLoopTask(callSite: number, value: unknown, parent: Task | undefined): void {
    const task = state.loopClaimant;
    state.loopGenerator = null;
    state.loopClaimant = null;
    if (task != null && task.createdAt === 0 && task.parkedAt !== done) adopt(task, callSite, value, parent);
  }

  /**
   * - the generator a `for await` started, whose first park took the claim of the loop's task;
   * - an async generator whose first step was a `yield`: it left the registry there (hooks.ts
   *   `suspend`), so nothing reaches it now; the claim waits for it to resume (`applyYieldClaim`).
   */
  function claimUnusual(pending: Task | null, returnedId: number, callSite: number, value: unknown, parent: Task | undefined): void {
    const generator = state.loopGenerator;
    if (generator != null && generator.id === returnedId) return claimLoopTask(callSite, value, parent);
    if (pending !== null) return;
    state.yieldClaimId = returnedId;
    state.yieldClaimSite = callSite;
    state.yieldClaimParent = isTask(parent) ? idOf(parent) : 0;
  }

  function applyYieldClaim(task: Task): void {
    if (task.id !== state.yieldClaimId || task.createdAt !== 0) return;
    task.createdAt = state.yieldClaimSite!;
    if (state.yieldClaimParent !== 0) task.parentId = state.yieldClaimParent!;
    state.yieldClaimId = 0;
  }

  /**
   * `for await (x of __lw.forAwait(__lwTask, (parked xs)))`: when `xs` is a generator object, the loop
   * calls its `next()` right after this returns, and only then waits. An async generator whose body that
   * `next()` starts is this loop's (`enterGenerator`) — provided no other hook ran in between, which
   * `returnedId` tells: the task's own id if this was its first park (its caller's claim comes next),
   * else its negated id, a value no claim matches and every other hook replaces. A microtask clears
   * the loop at the end of this synchronous stretch.
   * Any other iterable (a stream, an object whose `[Symbol.asyncIterator]` makes the generator) is
   * left alone: reading its method would run user code, and without it a generator started later
   * in the stretch by uninstrumented code could not be told from the loop's.
   */
  function forAwait<T>(task: Task, iterable: T): T {
    // Hooks are total: a hand-written call may pass anything, or a task that has not parked.
    if (!isTask(task) || task.id === 0 || task.parkedAt === done || !isGeneratorObject(iterable)) return iterable;
    if (state.returnedId === task.id) {
      // Its first park: its caller's claim comes next. If the task is itself the generator an outer
      // loop just started, that loop's task still waits for the claim, and keeps it.
      if (state.loopGenerator !== task) state.loopClaimant = task;
    } else {
      state.returnedId = -task.id;
      state.loopClaimant = null;
    }
    state.loopTask = task;
    const head = siteId(task.parkedAt);
    state.loopSite = siteKinds[head] === SiteKind.ForAwaitCall ? head + 1 : head;
    state.loopGenerator = null;
    if (!loopStartQueued) {
      loopStartQueued = true;
      apply(promiseThen, settled, [endLoopStart]);
    }
    return iterable;
  }

  function endLoopStart(): void {
    loopStartQueued = false;
    state.loopTask = null;
    state.loopClaimant = null;
    state.loopGenerator = null;
  }

  /**
   * `enter` of an async generator. Its body starts in the first `next()`: when a `for await` head has
   * just called that (`forAwait`), the generator's creation site is the call whose result the loop
   * iterates (`for await (const x of pages())`), else the loop, and its parent the loop's task.
   */
  function enterGenerator(functionSite: number): Task {
    const loop = state.loopTask;
    const returnedId = state.returnedId;
    const task = hooks().enter(functionSite);
    if (loop != null && returnedId !== 0 && (returnedId === loop.id || returnedId === -loop.id) && isTask(task)) {
      task.createdAt = state.loopSite ?? loop.parkedAt;
      task.parentId = loop.id;
      // The loop's first park: its caller's claim, which this generator's first park would take, is the claimant's.
      if (returnedId > 0) state.loopGenerator = task;
    }
    return task;
  }

  return { forAwait, enterGenerator, claimUnusual, applyYieldClaim };
}

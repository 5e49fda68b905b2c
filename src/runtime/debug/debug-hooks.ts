/**
 * The debug tier's hooks: they replace the functions on the shared hooks object (docs/internals.md),
 * call the always-on ones, and add what the reports need:
 * - the running task and its code segment, written to shared memory for the watchdog on every switch;
 * - a small per-task record (Task.debug): the task's own promise and its last await;
 * - the promise of every instrumented call, handed to never-awaited tracking;
 * - the last finished tasks, so an unhandled rejection can be traced back to its task.
 * No closure, timer or stack capture per task; one record allocation per task.
 */
import { hooks, state, type Hooks, type Task } from '../hooks';
import { Slot } from './shared';
import { takeLastInit, trackCreated } from './never-awaited';

/** Per-task record of the debug tier (Task.debug). */
export class TaskDebug {
  constructor(
    /** The promise of the async function call (the task's own promise); undefined if unknown. */
    public promise: unknown,
    /** The await/yield site it parked at last. */
    public lastAwait = 0,
    /** The await site its current code segment began at; 0 in its first segment. */
    public resumedAt = 0,
  ) {}
}

/**
 * Site kind for a call whose value the source discards on purpose (`void f()`): not a never-awaited
 * candidate. Proposed to the transform (it emits kind 3 for every call today); honoured here already.
 */
const VOID_CALL_SITE = 6;

let base: Hooks | null = null;
let view: Int32Array = new Int32Array(Slot.Size);
/** The task whose code runs now (the always-on tier knows it only after a first resume). */
let current: Task | null = null;
/**
 * [task, the task it interrupted] pairs, for synchronous calls of async functions inside a task. A
 * fixed array with a top index: changing an array's length is a runtime call on the hot path.
 */
const callers: Array<Task | null> = new Array<Task | null>(64).fill(null);
let callerTop = 0;
/**
 * The last task that handed control back to its caller (first park, or exit without parking) and
 * that no `created` has claimed yet. If the next such task comes, or the turn ends, first, it was
 * started by uninstrumented code (a timer, an emitter, a framework): an *orphan*, whose rejection
 * nobody instrumented would see. Orphans (and the tasks of never-awaited promises) are remembered
 * by promise, weakly, for the rejection report; the usual claimed task costs two stores.
 */
let candidate: Task | null = null;
const taskByPromise = new WeakMap<object, Task>();
let turnScheduled = false;
let onSites: ((file: string, sites: readonly number[], names: readonly string[]) => void) | null = null;

function recordOf(task: unknown): TaskDebug | null {
  if (typeof task !== 'object' || task === null) return null;
  const record = (task as Task).debug;
  return record instanceof TaskDebug ? record : null;
}

function isTask(value: unknown): value is Task {
  return typeof value === 'object' && value !== null && (value as Task).functionSite !== undefined;
}

function publish(task: Task | null): void {
  const v = view;
  if (task === null) {
    v[Slot.CurrentFunction] = 0;
    v[Slot.CurrentId] = 0;
    return;
  }
  const record = recordOf(task);
  v[Slot.CurrentId] = task.id;
  v[Slot.CurrentCreated] = task.createdAt;
  v[Slot.CurrentResumedAt] = record === null ? 0 : record.resumedAt;
  v[Slot.CurrentFunction] = task.functionSite;
}

function switchTo(task: Task): void {
  if (callerTop === callers.length) callers.push(null, null);
  callers[callerTop] = task;
  callers[callerTop + 1] = current;
  callerTop += 2;
  current = task;
  publish(task);
}

function stopRunning(task: Task, site: number): void {
  const v = view;
  v[Slot.LastId] = task.id;
  v[Slot.LastFunction] = task.functionSite;
  v[Slot.LastCreated] = task.createdAt;
  v[Slot.LastSite] = site;
  const top = callerTop;
  if (top !== 0 && callers[top - 2] === task) {
    current = callers[top - 1]!;
    callers[top - 2] = null;
    callers[top - 1] = null;
    callerTop = top - 2;
  } else {
    current = null;
  }
  // Back in the event loop (or out of step): forget the stack.
  if (current === null && callerTop !== 0) {
    callers.fill(null, 0, callerTop);
    callerTop = 0;
  }
  publish(current);
}

function adopt(task: Task): void {
  const promise = recordOf(task)?.promise;
  if (typeof promise === 'object' && promise !== null) taskByPromise.set(promise, task);
}

function handedBack(task: Task): void {
  if (candidate !== null && candidate !== task) adopt(candidate);
  candidate = task;
  if (!turnScheduled) {
    turnScheduled = true;
    setImmediate(endOfTurn).unref();
  }
}

function endOfTurn(): void {
  turnScheduled = false;
  if (candidate !== null) adopt(candidate);
  candidate = null;
}

function debugEnter(functionSite: number): Task {
  const task = base!.enter(functionSite);
  task.debug = new TaskDebug(takeLastInit());
  switchTo(task);
  return task;
}

function debugPark<T>(task: Task, site: number, value: T): T {
  const result = base!.park(task, site, value);
  const record = recordOf(task);
  if (record !== null) {
    if (record.lastAwait === 0) handedBack(task);
    record.lastAwait = site | 0;
    if (current === task) stopRunning(task, site | 0);
  }
  return result;
}

function debugResume<T>(task: Task, value: T): T {
  if (!isTask(task)) return base!.resume(task, value);
  const parkedAt = task.parkedAt;
  const result = base!.resume(task, value);
  const record = recordOf(task);
  if (record !== null && parkedAt > 0) record.resumedAt = parkedAt;
  if (current !== task) switchTo(task);
  return result;
}

function debugExit(task: Task): void {
  base!.exit(task);
  if (!isTask(task)) return;
  if (current === task) stopRunning(task, task.functionSite);
  const record = recordOf(task);
  if (record !== null && record.lastAwait === 0) handedBack(task);
}

function debugCreated<T>(callSite: number, value: T, parent?: Task): T {
  const pending = state.pending;
  // The always-on tier claims the last task that parked for the first time. If that task handed
  // control back to uninstrumented code (setTimeout(asyncFn)), this call did not start it: the
  // debug tier knows each task's promise, so it can tell and keep the claim from going astray.
  if (state.returnedId !== 0 && pending !== null) {
    const promise = recordOf(pending)?.promise;
    if (promise !== undefined && promise !== value) state.returnedId = 0;
  }
  const result = base!.created(callSite, value, parent);
  if (value instanceof Promise && state.siteKind[callSite | 0] !== VOID_CALL_SITE) {
    let callee: Task | null = null;
    if (candidate !== null && recordOf(candidate)!.promise === value) {
      callee = candidate;
      candidate = null;
    }
    const inTask = isTask(parent) ? parent : current;
    // Only where `await` was possible: a plain callback (an HTTP listener doing `void respond()`) or
    // top-level code cannot await. A rejection there is still reported, so keep its task findable.
    if (inTask !== null) trackCreated(value, callSite | 0, callee, inTask);
    else if (callee !== null) adopt(callee);
  }
  return result;
}

function debugRegisterSites(file: string, sites: readonly number[], names: readonly string[]): number {
  const siteBase = base!.registerSites(file, sites, names);
  if (onSites !== null) {
    try {
      onSites(file, sites, names);
    } catch {
      // The watchdog's copy of the site table is best effort.
    }
  }
  return siteBase;
}

/** Installs the debug hooks on the shared hooks object (once per process). */
export function installDebugHooks(shared: Int32Array): void {
  view = shared;
  if (base !== null) return;
  base = { ...hooks };
  hooks.enter = debugEnter;
  hooks.park = debugPark;
  hooks.resume = debugResume;
  hooks.exit = debugExit;
  hooks.created = debugCreated;
  hooks.registerSites = debugRegisterSites;
}

export function setSiteListener(listener: typeof onSites): void {
  onSites = listener;
}

/** The task whose promise this is, if it is an orphan or the task of a never-awaited promise. */
export function taskOfPromise(promise: unknown): Task | null {
  if (candidate !== null && recordOf(candidate)!.promise === promise) return candidate;
  if (typeof promise !== 'object' || promise === null) return null;
  return taskByPromise.get(promise) ?? null;
}

/** never-awaited.ts: a promise from an instrumented call became a suspect; keep its task findable. */
export function rememberTask(task: Task): void {
  adopt(task);
}

export function taskRecord(task: Task): TaskDebug | null {
  return recordOf(task);
}

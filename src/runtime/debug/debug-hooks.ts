/**
 * The debug tier's hooks: they replace the functions on the shared hooks object (docs/internals.md),
 * call the always-on ones, and add what the reports need. The usual `await f()` must stay cheap
 * (docs/benchmarks.md, "Debug tier"), so per call they only store a few integers:
 * - shared memory for the watchdog: the function entered (its first segment runs), and on a switch
 *   the running task and the await its segment began at — fields are rewritten only when the task
 *   changes;
 * - `created` reads the call site's kind: an awaited, returned, combined or `.then`-ed call needs
 *   nothing more. Dropped, voided and stored calls (never-awaited.ts) are rare and pay for themselves.
 * No promise hook runs by default. A task started by uninstrumented code (a timer, an emitter, a
 * framework: an *orphan*, never claimed by a `created`) has a promise nobody instrumented holds; so
 * that its rejection can be reported, a one-shot `onSettled` hook is set when it ends and catches its
 * promise as it settles, right after — only when its body threw a primitive (the emitted `catch`
 * calls `threw`): setting any promise hook turns V8's async fast paths off for the rest of the
 * process, so orphans that fulfil must not, and an orphan that throws an object is found by that
 * object instead (`unhandledRejection` passes it as the reason). (An orphan that returns a promise that rejects later — `return f()` — settles
 * after that promise, not right after its end, so the one-shot hook could not catch it anyway.)
 */
import { isPromise } from 'node:util/types';
import { promiseHooks } from 'node:v8';
import { DONE, hooks, SiteKind, startTask, state, Task, type Hooks } from '../hooks';
import { dropPromise, watchPromise } from './never-awaited';
import { ENTERED_SLOTS, Slot } from './shared';
import { sharedView } from './watchdog';

let base: Hooks | null = null;
// The always-on hooks the debug ones call, and the watchdog's shared memory, as module constants:
// TurboFan folds a constant binding where a `let` costs a load and a check per use (measured, three
// side-by-side runs: ~4–8 ns less per call + await; docs/benchmarks.md, "Debug tier").
const basePark: Hooks['park'] = hooks.park;
const baseSuspend: Hooks['suspend'] = hooks.suspend;
const baseResume: Hooks['resume'] = hooks.resume;
const baseExit: Hooks['exit'] = hooks.exit;
const baseCreated: Hooks['created'] = hooks.created;
const baseThrew: Hooks['threw'] = hooks.threw;
const view: Int32Array = sharedView;
const siteKinds = state.siteKind;
// Plain constants: `SiteKind` is a re-exported enum object, whose members would be loaded through
// CommonJS re-export getters on every call (measured: +20 ns per call + await, inlining budget). Likewise for the other imported constants.
const AWAITED_CALL: number = SiteKind.AwaitedCall;
const DROPPED_CALL: number = SiteKind.DroppedCall;
const VOIDED_CALL: number = SiteKind.VoidedCall;
const TASK_DONE: number = DONE;
const ENTERED_LIMIT: number = ENTERED_SLOTS;
/** The task whose resumed segment runs (first segments are the `Entered` stack in shared memory). */
let current: Task | null = null;
/** Id of the task whose id/function are in shared memory now (an id: a finished task must not be kept). */
let publishedId = 0;
/** Tasks interrupted by a nested resume (async generators' `next()` inside a task), innermost last. */
const interrupted: Task[] = [];
/** First segments open (see Slot.Depth). */
let depth = 0;
/** The last task that ended without parking, as integers (storing the task would keep V8 from removing its allocation). */
let unparkedFunction = 0;
let unparkedParent = 0;
/** Orphans, and the tasks of voided, dropped and stored calls, by promise: for rejection reports. */
const taskByPromise = new WeakMap<object, Task>();
/** The next `exit` is of a task whose body threw: `threw` runs in its rethrowing catch, right before its finally. */
let mayReject = false;
/** What it threw, if an object (cleared at that exit, so a thrown value is not kept). */
let thrown: object | null = null;
/** Orphans that threw an object, by that object: what `unhandledRejection` will pass as the reason. */
const taskByThrown = new WeakMap<object, Task>();
/** The orphan that just ended, waiting for its promise to settle. */
let endingOrphan: Task | null = null;
let stopSettled: (() => void) | null = null;
/** How many one-shot hooks were set (tests: an orphan that fulfils must set none). */
let settledHooks = 0;
let onSites: ((file: string, sites: readonly number[], names: readonly string[], source?: string, location?: string) => void) | null = null;

/**
 * As in hooks.ts: written so that V8's escape analysis still removes a never-parking task's allocation
 * (no `typeof`). A copy, with `siteId` below, not an import of hooks.ts's: importing both measured
 * 105 ns against 84 ns per empty call + await in this tier (bench/debug.mjs with BASELINE_ROOT).
 */
function isTask(value: unknown): value is Task {
  if (value === undefined || value === null) return false;
  try {
    return (value as Task).prevLive !== undefined;
  } catch {
    // A look-alike whose `prevLive` getter throws.
    return false;
  }
}

/** As in hooks.ts: `x | 0` on a symbol, or an object whose valueOf throws, would throw into user code. */
function siteId(value: unknown): number {
  return typeof value === 'number' ? value | 0 : 0;
}

function publish(task: Task): void {
  const v = view;
  if (publishedId !== task.id) {
    publishedId = task.id;
    v[Slot.CurrentId] = task.id;
    v[Slot.CurrentFunction] = task.functionSite;
    // Set by the claim right after the first park, before the task first runs again: it does not change after.
    v[Slot.CurrentCreated] = task.createdAt;
  }
  // Kept by the always-on tier while the task runs again: the await it came back from.
  v[Slot.CurrentResumedAt] = task.parkedAt;
  v[Slot.Running] = 1;
}

function switchTo(task: Task): void {
  if (current !== null || depth !== 0) nestedSwitch();
  current = task;
  endingOrphan = null;
  publish(task);
}

/** Rare: a resume inside another task's segment, or state out of step. */
function nestedSwitch(): void {
  if (current !== null) {
    interrupted.push(current);
  } else {
    // Back from the event loop: every first segment has ended.
    depth = 0;
    view[Slot.Depth] = 0;
  }
}

function stopRunning(site: number): void {
  view[Slot.StopSite] = site;
  view[Slot.Running] = 0;
  if (interrupted.length === 0) current = null;
  else resumeInterrupted();
}

function resumeInterrupted(): void {
  const caller = interrupted.pop()!;
  current = caller;
  publish(caller);
}

function endFirstSegment(): void {
  if (depth !== 0) view[Slot.Depth] = --depth;
}

// The hooks below run on every instrumented call and are inlined into the caller's optimized code,
// within V8's inlining budget (measured: running out of it costs ~11 ns per call + await): their fast
// paths are kept small, everything else is out of line.

// Task's fields by declaration merging; the constructor still assigns them all, in Task's order.
interface DebugTask extends Task {
  fn: number;
}
/**
 * The debug tier's tasks keep their function's site: an always-on task knows it only from where it
 * parks (hooks.ts `Task.functionSite`), and reports name tasks that ended without parking, and ended ones.
 */
class DebugTask {
  constructor(fn: number, parentId: number) {
    this.id = 0;
    this.parentId = parentId;
    this.createdAt = 0;
    this.parkedAt = 0;
    this.promise = undefined;
    this.prevLive = null;
    this.nextLive = null;
    this.fn = fn;
  }

  get functionSite(): number {
    return this.fn;
  }
}
// A Task for everything else (its thrown setter): not `extends Task`, whose derived constructor
// (super call) measured ~20 ns more per call + await in the debug tier (bench/debug.mjs, empty callee:
// 108 ns against 88 ns). The tests of unhandled rejections fail without this prototype link.
Object.setPrototypeOf(DebugTask.prototype, Task.prototype);

function debugEnter(functionSite: number): Task {
  const d = depth;
  const site = siteId(functionSite);
  if (d < ENTERED_LIMIT) view[Slot.Entered + d] = site;
  view[Slot.Depth] = depth = d + 1;
  // What the always-on enter does, with a task of the debug tier's kind.
  return startTask(new DebugTask(site, state.currentId));
}

function debugPark<T>(task: Task, site: number, value: T): T {
  // As in debugCreated: an `await f()` folds f's `created` into this park (kind AwaitCall).
  unparkedFunction = 0;
  if (task === current && task !== null) stopRunning(siteId(site));
  // Not the running segment: a first park ends the task's first segment.
  else if (isTask(task) && task.parkedAt === 0) endFirstSegment();
  return basePark(task, site, value);
}

/** As debugPark; the emitted code has stored the site in `parkedAt`, so a first park is told by the task not being listed yet. */
function debugSuspend<T>(task: Task, value: T): T {
  unparkedFunction = 0;
  if (task === current && task !== null) stopRunning(siteId(task.parkedAt));
  else if (isTask(task) && task.prevLive === null && state.pending !== task) endFirstSegment();
  return baseSuspend(task, value);
}

function debugResume<T>(task: Task, value: T): T {
  if (task !== current) resumeOther(task);
  return baseResume(task, value);
}

function resumeOther(task: Task): void {
  // Id 0: a catch/finally in the first segment, which the always-on tier leaves alone too.
  if (isTask(task) && task.id !== 0 && task.parkedAt !== TASK_DONE) switchTo(task);
}

function debugExit(task: Task): void {
  // `current` may be null: hooks are total, `exit(null)` must not reach a property read.
  if (task === current && task !== null) exitRunning(task);
  else exitOther(task);
}

/** A task ends in a resumed segment. */
function exitRunning(task: Task): void {
  const lastAwait = task.parkedAt;
  stopRunning(task.functionSite);
  baseExit(task);
  const kind = siteKinds[task.createdAt];
  // Kinds 7+ (but dropped): its promise was awaited or handed on, so its rejection is handled.
  if (kind === undefined || kind < AWAITED_CALL || kind === DROPPED_CALL) mayRejectUnhandled(task, lastAwait);
  else if (mayReject) endMayReject();
}

function endMayReject(): void {
  mayReject = false;
  thrown = null;
}

function exitOther(task: Task): void {
  if (!isTask(task) || task.id !== 0) return exitOutOfStep(task);
  // Ended in its first segment without parking: nothing was stored anywhere.
  unparkedFunction = task.functionSite;
  baseExit(task);
  endFirstSegment();
  unparkedParent = task.parentId;
  if (mayReject) endUnparkedMayReject();
}

function endUnparkedMayReject(): void {
  // An object thrown is a safe key wherever the task ran (also inside another task's segment, as
  // `items.forEach(async …)` does): a later lookup by it names the last task that threw it, and a
  // caller that rethrows it overwrites the entry. A primitive needs the promise hook, and that only
  // when called from outside any task (top level, a plain callback, a timer): maybe an orphan.
  if (thrown !== null) taskByThrown.set(thrown, unparkedTask());
  else if (depth === 0 && current === null) catchSettle(unparkedTask());
  endMayReject();
}

/** Not a task, or a parked task ending while not running (hand-written hook calls). */
function exitOutOfStep(task: Task): void {
  if (!isTask(task)) {
    endMayReject();
    return baseExit(task);
  }
  const lastAwait = task.parkedAt;
  baseExit(task);
  mayRejectUnhandled(task, lastAwait);
}

function mayRejectUnhandled(task: Task, lastAwait: number): void {
  // Keep the await it was parked on for a rejection report.
  task.debug = lastAwait;
  if (mayReject) {
    mayReject = false;
    if (task.createdAt === 0) orphanRejects(task);
    thrown = null;
  }
}

/** An orphan ends by throwing: remember it by what it threw, or (a primitive) catch its promise. */
function orphanRejects(task: Task): void {
  if (thrown !== null) taskByThrown.set(thrown, task);
  else catchSettle(task);
}

/** The task that ended without parking, rebuilt from its integers (it was never stored). */
function unparkedTask(): Task {
  const task: Task = new DebugTask(unparkedFunction, unparkedParent);
  task.parkedAt = TASK_DONE;
  task.debug = 0;
  return task;
}

/** One-shot: the next promise to settle is the ending orphan's (its function has just returned or thrown). */
function catchSettle(task: Task): void {
  endingOrphan = task;
  if (stopSettled === null) {
    stopSettled = promiseHooks.onSettled(onSettled) as () => void;
    settledHooks++;
  }
}

/** The number of one-shot `onSettled` hooks set so far (each trips V8's async fast paths). */
export function settledHookCount(): number {
  return settledHooks;
}

function onSettled(promise: Promise<unknown>): void {
  const task = endingOrphan;
  endingOrphan = null;
  const stop = stopSettled;
  stopSettled = null;
  stop?.();
  if (task !== null) taskByPromise.set(promise, task);
}

function debugCreated<T>(callSite: number, value: T, parent?: Task): T {
  const result = baseCreated(callSite, value, parent);
  const site = siteId(callSite);
  const kind = siteKinds[site]!;
  // Awaited, reacted, returned, combined, derived: handled by construction.
  if (!(kind >= AWAITED_CALL && kind !== DROPPED_CALL)) createdOther(kind, site, value, parent);
  unparkedFunction = 0;
  return result;
}

function createdOther(kind: number | undefined, callSite: number, value: unknown, parent: Task | undefined): void {
  // Not `instanceof`: on a Proxy it runs the getPrototypeOf trap, which may throw (a revoked proxy) into the
  // caller, and which the program would see called. isPromise reads V8's internal type and runs no user code.
  if (typeof value === 'object' && value !== null && isPromise(value)) watchCall(kind ?? 0, callSite, value as Promise<unknown>, parent);
}

function debugThrew(task: Task, error: unknown): void {
  mayReject = true;
  thrown = (typeof error === 'object' && error !== null) || typeof error === 'function' ? error : null;
  baseThrew(task, error);
}

/** A voided, dropped, stored or unclassified call's promise. */
function watchCall(kind: number, callSite: number, promise: Promise<unknown>, parent: Task | undefined): void {
  let callee: Task | null = null;
  const pending = state.pending;
  if (pending !== null && pending.promise === promise) callee = pending;
  else if (unparkedFunction !== 0) callee = unparkedTask();
  if (callee !== null) taskByPromise.set(promise, callee);
  if (kind === VOIDED_CALL) return;
  const inTask = isTask(parent) ? parent : current;
  // Only where `await` was possible: a plain callback (an HTTP listener doing `respond()`) or
  // top-level code cannot await. A rejection there is still reported (the task is findable).
  if (inTask === null) return;
  if (kind === DROPPED_CALL) dropPromise(promise, callSite, callee, inTask);
  else watchPromise(promise, callSite, callee, inTask);
}

function debugRegisterSites(file: string, sites: readonly number[], names: readonly string[], source?: string, location?: string): number {
  const siteBase = base!.registerSites(file, sites, names, source, location);
  if (onSites !== null) {
    try {
      onSites(file, sites, names, source, location);
    } catch {
      // The watchdog's copy of the site table is best effort.
    }
  }
  return siteBase;
}

/**
 * Installs the debug hooks on the shared hooks object (once per process). They write into the
 * watchdog's `sharedView` (a constant, see above); `_shared` is that same view, as enable.ts passes it.
 */
export function installDebugHooks(_shared: Int32Array): void {
  if (base !== null) return;
  base = { ...hooks };
  hooks.enter = debugEnter;
  hooks.park = debugPark;
  hooks.suspend = debugSuspend;
  hooks.resume = debugResume;
  // The general forms, through the always-on suspend and resume: correct for an await as well.
  hooks.awaiting = debugSuspend;
  hooks.awaited = debugResume;
  hooks.exit = debugExit;
  hooks.created = debugCreated;
  hooks.threw = debugThrew;
  hooks.registerSites = debugRegisterSites;
}

export function setSiteListener(listener: typeof onSites): void {
  onSites = listener;
}

/** The orphan that threw `reason` (an object), or null. */
export function taskOfThrown(reason: unknown): Task | null {
  if ((typeof reason !== 'object' || reason === null) && typeof reason !== 'function') return null;
  return taskByThrown.get(reason as object) ?? null;
}

/** The task whose promise this is: an orphan's, or a voided, dropped or stored call's. */
export function taskOfPromise(promise: unknown): Task | null {
  if (typeof promise !== 'object' || promise === null) return null;
  return taskByPromise.get(promise) ?? null;
}

/** The await a task was parked on last (0: none), also once it has ended. */
export function lastAwaitOf(task: Task): number {
  if (task.parkedAt !== TASK_DONE) return task.parkedAt;
  return typeof task.debug === 'number' ? task.debug : 0;
}

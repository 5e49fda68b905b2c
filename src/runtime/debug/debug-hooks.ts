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

let base: Hooks | null = null;
let view: Int32Array = new Int32Array(Slot.Size);
/** The task whose code runs now (the always-on tier knows it only after a first resume). */
let current: Task | null = null;
/** [task, the task it interrupted] pairs, for synchronous calls of async functions inside a task. */
const callers: Array<Task | null> = [];
const RECENT = 1024;
/** The last finished tasks (cleared every turn): their promises may be about to reject unhandled. */
const recent: Array<Task | null> = new Array<Task | null>(RECENT).fill(null);
let recentNext = 0;
let lastExited: Task | null = null;
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
  callers.push(task, current);
  current = task;
  publish(task);
}

function stopRunning(task: Task, site: number): void {
  const v = view;
  v[Slot.LastId] = task.id;
  v[Slot.LastFunction] = task.functionSite;
  v[Slot.LastCreated] = task.createdAt;
  v[Slot.LastSite] = site;
  const n = callers.length;
  if (n !== 0 && callers[n - 2] === task) {
    current = callers[n - 1]!;
    callers.length = n - 2;
  } else {
    current = null;
  }
  if (current === null) callers.length = 0;
  publish(current);
}

function endOfTurn(): void {
  turnScheduled = false;
  recent.fill(null);
  lastExited = null;
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
  lastExited = task;
  recent[recentNext] = task;
  recentNext = (recentNext + 1) % RECENT;
  if (!turnScheduled) {
    turnScheduled = true;
    setImmediate(endOfTurn).unref();
  }
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
  if (value instanceof Promise) {
    let callee: Task | null = null;
    if (pending !== null && recordOf(pending)?.promise === value) callee = pending;
    else if (lastExited !== null && recordOf(lastExited)?.promise === value) callee = lastExited;
    trackCreated(value, callSite | 0, callee, isTask(parent) ? parent : current);
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

/** The task whose promise this is, among the live tasks and the ones that finished this turn. */
export function taskOfPromise(promise: unknown): Task | null {
  for (let i = 0; i < RECENT; i++) {
    const task = recent[(recentNext - 1 - i + RECENT) % RECENT]!;
    if (task === null) break;
    if (recordOf(task)?.promise === promise) return task;
  }
  return null;
}

export function taskRecord(task: Task): TaskDebug | null {
  return recordOf(task);
}

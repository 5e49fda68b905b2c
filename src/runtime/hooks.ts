/**
 * The hot path: the functions instrumented code calls. This file is the contract between the
 * transform (transform/) and the runtime; see docs/internals.md for the emitted shape.
 *
 * Always-on budget (design.md): no closure, `.then`, timer or stack capture per task, fixed-shape
 * task objects, O(1) registration. A task is linked into the live list only when it first parks,
 * so an async call that never awaits costs (almost) nothing; it is unlinked in `exit`, so a
 * finished task is unreachable from the registry at once.
 *
 * One registry per process even when several copies of this package are loaded: the state and the
 * hooks object live on globalThis under a registered symbol, and the first copy loaded wins.
 */

export const enum TaskState {
  /** Entered, has not parked yet (not in the live list). */
  Running = 0,
  /** In the live list, suspended at `parkedAt`. */
  Parked = 1,
  /** In the live list, running again after an await. */
  Resumed = 2,
  /** Finished: unlinked. */
  Done = 3,
}

/** Fixed shape: every field is initialised in the constructor, in this order, in every tier. */
export class Task {
  /** Assigned when the task is first linked (0 before). */
  id = 0;
  state: TaskState = TaskState.Running;
  /** Site id of the async function itself. */
  readonly functionSite: number;
  /** Site id of the instrumented call that created this task (0: unknown). */
  createdAt = 0;
  /** Site id of the await/yield it is parked on (0: not parked). */
  parkedAt = 0;
  /** Epoch milliseconds of the event-loop turn in which it first parked (0 before). */
  startedAt = 0;
  /** The task that was current when this one was entered. */
  parent: Task | null;
  /** Who was current when this task last started running; restored when it parks or exits. */
  caller: Task | null = null;
  /** Live-list links. */
  prevLive: Task | null = null;
  nextLive: Task | null = null;
  /** Set by nameTask(); otherwise the name comes from the function site. */
  name: string | null = null;
  /** Free slot for the debug tier (e.g. its per-task record); null in the always-on tier. */
  debug: unknown = null;

  constructor(functionSite: number, parent: Task | null) {
    this.functionSite = functionSite;
    this.parent = parent;
  }
}

export interface RegistryState {
  /** Head of the intrusive doubly-linked list of live (parked or resumed) tasks. */
  head: Task | null;
  liveCount: number;
  nextId: number;
  /** The task whose code is running now (set on resume; see `enter` for the first segment). */
  current: Task | null;
  /** The last task that handed control back to its caller (first park or exit); read by `created`. */
  returned: Task | null;
  /** Event-loop-turn clock: read once per turn, invalidated by one unref'd setImmediate. */
  turnTime: number;
  turnTimeValid: boolean;
  /** Site tables: every module appends its sites; a site id indexes these arrays. */
  siteFile: number[];
  siteKind: number[];
  siteLine: number[];
  siteColumn: number[];
  siteName: number[];
  files: string[];
  names: string[];
}

export const enum SiteKind {
  Function = 0,
  Await = 1,
  Yield = 2,
  Call = 3,
  ForAwait = 4,
  AwaitUsing = 5,
}

/** What instrumented code calls. Tiers may replace these functions on the shared object. */
export interface Hooks {
  registerSites(file: string, sites: readonly number[], names: readonly string[]): number;
  enter(functionSite: number): Task;
  park<T>(task: Task, site: number, value: T): T;
  resume<T>(task: Task, value: T): T;
  exit(task: Task): void;
  created<T>(callSite: number, value: T): T;
}

const STATE_KEY = Symbol.for('loopwatch.registry.v1');
const HOOKS_KEY = Symbol.for('loopwatch.hooks.v1');

type Global = typeof globalThis & { [STATE_KEY]?: RegistryState; [HOOKS_KEY]?: Hooks };
const globalObject = globalThis as Global;

function newState(): RegistryState {
  return {
    head: null,
    liveCount: 0,
    nextId: 1,
    current: null,
    returned: null,
    turnTime: 0,
    turnTimeValid: false,
    // Site id 0 means "unknown": reserve it.
    siteFile: [-1],
    siteKind: [-1],
    siteLine: [0],
    siteColumn: [0],
    siteName: [-1],
    files: [],
    names: [],
  };
}

export const state: RegistryState = (globalObject[STATE_KEY] ??= newState());

function invalidateTurnTime(): void {
  state.turnTimeValid = false;
}

/** Wall-clock time of the current event-loop turn, like libuv's cached `uv_now`: one clock read per turn. */
function turnTime(): number {
  if (!state.turnTimeValid) {
    state.turnTimeValid = true;
    state.turnTime = Date.now();
    setImmediate(invalidateTurnTime).unref();
  }
  return state.turnTime;
}

function link(task: Task): void {
  task.id = state.nextId++;
  task.startedAt = turnTime();
  const head = state.head;
  task.nextLive = head;
  if (head !== null) head.prevLive = task;
  state.head = task;
  state.liveCount++;
}

function unlink(task: Task): void {
  const prev = task.prevLive;
  const next = task.nextLive;
  if (prev !== null) prev.nextLive = next;
  else state.head = next;
  if (next !== null) next.prevLive = prev;
  task.prevLive = null;
  task.nextLive = null;
  state.liveCount--;
}

function registerSites(file: string, sites: readonly number[], names: readonly string[]): number {
  const base = state.siteKind.length;
  let fileIndex = state.files.indexOf(file);
  if (fileIndex < 0) fileIndex = state.files.push(file) - 1;
  const nameBase = state.names.length;
  state.names.push(...names);
  // sites: flat [kind, line, column, nameIndex (-1: none)] per site, in local-id order starting at 0.
  for (let i = 0; i + 3 < sites.length; i += 4) {
    state.siteFile.push(fileIndex);
    state.siteKind.push(sites[i]!);
    state.siteLine.push(sites[i + 1]!);
    state.siteColumn.push(sites[i + 2]!);
    state.siteName.push(sites[i + 3]! < 0 ? -1 : nameBase + sites[i + 3]!);
  }
  return base;
}

function enter(functionSite: number): Task {
  // `current` is not set here: a task that never parks then costs one short-lived allocation,
  // which V8 removes. Its synchronous first segment is attributed to its caller.
  return new Task(functionSite, state.current);
}

function park<T>(task: Task, site: number, value: T): T {
  if (task.state === TaskState.Running) {
    link(task);
    // First park: control goes back to the caller, whose `created` call claims this task.
    state.returned = task;
  }
  task.state = TaskState.Parked;
  task.parkedAt = site;
  if (state.current === task) {
    state.current = task.caller;
    task.caller = null;
  }
  return value;
}

function resume<T>(task: Task, value: T): T {
  // Idempotent: also called at the top of catch/finally blocks, where a rejected await lands.
  if (state.current !== task) {
    task.caller = state.current;
    state.current = task;
  }
  if (task.state === TaskState.Parked) task.state = TaskState.Resumed;
  task.parkedAt = 0;
  return value;
}

function exit(task: Task): void {
  if (task.state === TaskState.Running) state.returned = task;
  else unlink(task);
  task.state = TaskState.Done;
  if (state.current === task) {
    state.current = task.caller;
  }
  task.caller = null;
}

function created<T>(callSite: number, value: T): T {
  const task = state.returned;
  if (task !== null) {
    state.returned = null;
    if (task.createdAt === 0) task.createdAt = callSite;
  }
  return value;
}

export const hooks: Hooks = (globalObject[HOOKS_KEY] ??= { registerSites, enter, park, resume, exit, created });

/**
 * The hot path: the functions instrumented code calls. This file is the contract between the
 * transform (transform/) and the runtime; see docs/internals.md for the emitted shape.
 *
 * Always-on budget (design.md): no closure, `.then`, timer or stack capture per task, fixed-shape
 * task objects, O(1) registration. What makes it cheap (docs/benchmarks.md, "Runtime overhead"):
 * - A task that never parks is never stored anywhere, so V8 removes its allocation.
 * - A task that parks becomes the one *pending* task; it is linked into the live list only when the
 *   next task parks for the first time. A task that finishes first (the usual `await f()` where `f`
 *   awaits once) is never linked. Pending or linked, it is unreachable from the registry once `exit`ed.
 * - Everything hot is a small integer (ids, site ids, turn-relative times): integer stores need no
 *   write barrier and keep every field in Smi representation. The current task is an id, parents are
 *   ids (so a live child never keeps its finished parent alive), start times live in a per-turn table.
 * - Eight fields per task; names and debug data live outside the hot object.
 *
 * One registry per process even when several copies of this package are loaded: the state and the
 * hooks object live on globalThis under registered symbols, and the first copy loaded wins.
 *
 * Hooks are total: instrumented code may be hand-written, and a site base may be `undefined` (ESM
 * import cycles run a hoisted function before the module's `registerSites`), so every argument is
 * checked and a bad one makes the hook a no-op instead of a throw.
 */
import * as timers from 'node:timers';
import { generatorClaims } from './generator-claims';
import { protectFromGlobalsCleanup } from './globals-cleanup';

/** Captured at load: tsc's CommonJS output would look `setTimeout` up on each call, after fake timers patched it. */
const unpatchedSetTimeout = timers.setTimeout;
/** Wall-clock milliseconds, captured at load for the same reason (fake timers also replace `Date`). */
const now: () => number = Date.now;

export enum TaskState {
  /** Entered, has not parked yet: not visible in the registry. */
  Running = 0,
  /** Suspended at `parkedAt`. */
  Parked = 1,
  /** Running again after an await. */
  Resumed = 2,
  /** Finished: unreachable from the registry. */
  Done = 3,
}

/** `parkedAt` of a task that has exited. */
const DONE = -1;

/**
 * Fixed shape: the constructor initialises every field, in this order, with small integers or null.
 * Seven fields, 80 bytes: every field costs 8 bytes per live task (docs/benchmarks.md, "Memory").
 * The debug tier's `enter` makes tasks of its own class with these fields and one more, whose prototype
 * is chained to this one's (debug-hooks.ts `DebugTask`).
 */
export class Task {
  /** Assigned when the task first parks (or when it is named as a parent); 0 before. */
  declare id: number;
  /** Id of the task that created this one (0: none or unknown). Not a reference, so a finished parent is not kept. */
  declare parentId: number;
  /**
   * Site id of the instrumented call that created this task (0: unknown). An async generator a `for
   * await` started: the call whose result the loop iterates, else the loop.
   */
  declare createdAt: number;
  /**
   * Site id of the await/yield it last parked on (0: never parked; DONE once exited). Not cleared on
   * resume: whether it is parked or running follows from `state.currentId` (registry.ts `taskState`),
   * and for a running task this is the await it came back from, which is what a blocked-loop report wants.
   */
  declare parkedAt: number;
  /**
   * The promise the instrumented call that started this task returned (set by `created`), so
   * `nameTask(promise)` can find the task. Only a live task is reachable from the registry, so this
   * never keeps a finished task's promise alive.
   */
  declare promise: unknown;
  /** Live-list links; both null while not linked. The list is circular through `state.head`. */
  declare prevLive: Task | null;
  declare nextLive: Task | null;
  /**
   * Debug tier's per-task record. Not initialised on always-on tasks (it would cost 8 bytes per live
   * task); the debug tier assigns it when a task ends, which gives those tasks one more hidden class.
   */
  declare debug?: unknown;

  /**
   * Site id of the async function itself (0: unknown): the function of the site it parks at, which
   * the transform records in the site table, so a task does not store it. Known from the moment the
   * task stores its first await's site until it exits; a listed task has parked, so it is known there.
   */
  get functionSite(): number {
    return functionOfSite(this.parkedAt);
  }

  /**
   * `__lwTask.thrown = error;` in a body's rethrowing catch (docs/internals.md): the task ends by
   * throwing `error`, through the shared object's `threw` and `exit`, whichever tier installed them.
   * A store rather than a hook call: a call's callee, receiver and arguments take frame registers,
   * and a suspended async function's frame has as many registers as its largest call needs
   * (docs/benchmarks.md, "Memory"); a store takes none.
   */
  set thrown(error: unknown) {
    hooks.threw(this, error);
    hooks.exit(this);
  }

  constructor(parentId: number) {
    this.id = 0;
    this.parentId = parentId;
    this.createdAt = 0;
    this.parkedAt = 0;
    this.promise = undefined;
    this.prevLive = null;
    this.nextLive = null;
  }
}

export interface RegistryState {
  /** Sentinel of the circular doubly-linked list of live tasks, newest first (so its `prevLive` is the oldest). */
  readonly head: Task;
  /** The last task that parked for the first time, not linked yet (see the file comment). */
  pending: Task | null;
  nextId: number;
  /** Id of the task whose code is running now (0: none known). Set on resume. */
  currentId: number;
  /** Id of the task that just parked for the first time, handing control back to its caller; read by `created`. */
  returnedId: number;
  /** [taskId, callerId] pairs for resumes nested in another task's segment (async generators' `next()`). */
  readonly nested: number[];
  /** Turn clock: `turnIds[i]` is the first task id linked in a turn that began `turnTimes[i]` ms after `epoch`. */
  clockValid: boolean;
  readonly epoch: number;
  turnIds: number[];
  turnTimes: number[];
  /** Table size that triggers a compaction (see compactTurns). */
  turnCapacity: number;
  /** Site tables: every module appends its sites; a site id indexes these arrays (0: unknown). */
  readonly siteFile: number[];
  readonly siteKind: number[];
  readonly siteLine: number[];
  readonly siteColumn: number[];
  readonly siteName: number[];
  /**
   * For a site a task parks at, the site of its function (a function's own site: itself); sparse,
   * read only to report. Optional: a state object made by an older copy has none until this copy adds it.
   */
  siteFunction?: number[];
  readonly files: string[];
  readonly names: string[];
  /** Names given by nameTask(); weak, so a finished task is not kept. */
  readonly taskNames: WeakMap<Task, string>;
  /**
   * Told of every name given (the debug tier's watchdog worker and never-awaited reports). Here, not
   * in a module, so a name given through another copy's nameTask() reaches the tier. Absent in a
   * registry an older copy made.
   */
  nameListener?: ((task: Task, name: string) => void) | null;
  /**
   * The task whose `for await` head ran in the current synchronous stretch (`forAwait`), until the
   * microtask queued there: the loop's `next()` may start an async generator, which is the loop's.
   * Optional: absent in a registry an older copy made.
   */
  loopTask?: Task | null;
  /** The creation site of a generator that loop starts: the call whose result it iterates, else the loop. */
  loopSite?: number;
  /**
   * A task whose first step was such a loop, waiting for its caller's claim (generator-claims.ts
   * `claimLoopTask`): the loop's task, or the task of an outer loop whose generator's own first step
   * is this loop (a pipeline).
   */
  loopClaimant?: Task | null;
  /** The generator whose first park takes the claim meant for `loopClaimant`. */
  loopGenerator?: Task | null;
  /**
   * The claim of an async generator whose first step was a `yield` (generator-claims.ts
   * `claimUnusual`): out of the registry at that yield, it takes the claim when it resumes. Integers,
   * so nothing is held.
   */
  yieldClaimId?: number;
  yieldClaimSite?: number;
  yieldClaimParent?: number;
}

export { SiteKind } from './site-kind';

/** What instrumented code calls. Tiers may replace these functions on the shared object. */
export interface Hooks {
  /** `source` (the .ts seen from the emitted file) and `location` (its `__filename`/`import.meta.url`): newer transforms only. */
  registerSites(file: string, sites: readonly number[], names: readonly string[], source?: string, location?: string): number;
  enter(functionSite: number): Task;
  /** `enter` of an async generator: the body starts at the first `next()`, which a `for await` head may have called. */
  enterGenerator(functionSite: number): Task;
  /** Wraps a `for await` head's parked iterable: the loop starts iterating right after it returns. */
  forAwait<T>(task: Task, iterable: T): T;
  /** `await x` in code older transforms emitted, and where the operand itself awaits (docs/internals.md). */
  park<T>(task: Task, site: number, value: T): T;
  /**
   * `await x` as the transform emits it: `await (__lwTask.parkedAt = __lwSites + n, __lw.suspend(__lwTask, x))`.
   * The emitted code has stored the site in `parkedAt`; two arguments, not three, keep the frame small.
   */
  suspend<T>(task: Task, value: T): T;
  resume<T>(task: Task, value: T): T;
  /**
   * `suspend` and `resume` of an `await` expression (never a `yield`, never a catch or finally), as the
   * transform emits them: `await (__lwTask.parkedAt = __lwSites + n, __lw.awaiting(__lwTask, x)), __lw.awaited(__lwTask)`.
   * A task that parks at an await stays listed, so neither has a yield to handle.
   */
  awaiting<T>(task: Task, value: T): T;
  awaited<T>(task: Task, value?: T): T | undefined;
  exit(task: Task): void;
  /** `return value` of a body without a `finally` (docs/internals.md): exits through `exit`, returns `value`. */
  returned<T>(value: T, task: Task): T;
  created<T>(callSite: number, value: T, parent?: Task): T;
  /** The body is about to end by throwing `error` (its rethrowing `catch`); `exit` follows at once. */
  threw(task: Task, error: unknown): void;
}

const STATE_KEY = Symbol.for('loopwatch.registry.v2');
const HOOKS_KEY = Symbol.for('loopwatch.hooks.v2');

type Global = typeof globalThis & { [STATE_KEY]?: RegistryState; [HOOKS_KEY]?: Hooks };
const globalObject = globalThis as Global;

/**
 * One per process, on the global object, whichever copy of the package comes first. A hardened
 * program may have made the global object non-extensible: then each copy keeps its own (one
 * registry per copy), rather than failing to load.
 */
function shared<T extends object>(key: typeof STATE_KEY | typeof HOOKS_KEY, make: () => T): T {
  const existing = (globalObject as Record<symbol, unknown>)[key];
  if (existing !== undefined) return existing as T;
  const value = protectFromGlobalsCleanup(make());
  try {
    (globalObject as Record<symbol, unknown>)[key] = value;
  } catch {
    // Not extensible (Object.preventExtensions / freeze on globalThis): this copy's own.
  }
  return value;
}

function newState(): RegistryState {
  const head = new Task(0);
  head.prevLive = head;
  head.nextLive = head;
  return {
    head,
    pending: null,
    nextId: 1,
    currentId: 0,
    returnedId: 0,
    nested: [],
    clockValid: false,
    epoch: now(),
    turnIds: [],
    turnTimes: [],
    turnCapacity: 1024,
    // Site id 0 means "unknown": reserve it.
    siteFile: [-1],
    siteKind: [-1],
    siteLine: [0],
    siteColumn: [0],
    siteName: [-1],
    siteFunction: [],
    files: [],
    names: [],
    taskNames: new WeakMap(),
    nameListener: null,
    loopTask: null,
    loopSite: 0,
    loopClaimant: null,
    loopGenerator: null,
    yieldClaimId: 0,
    yieldClaimSite: 0,
    yieldClaimParent: 0,
  };
}

// Module-local bindings (exported below by name): tsc's CommonJS output would turn every use of an
// `export const` into an `exports.state` property load on the hot path.
const state: RegistryState = shared(STATE_KEY, newState);
const head = state.head;
/** Never replaced (registerSites appends), so a module binding saves a load per `park`. */
const siteKinds = state.siteKind;
const siteFunctions: number[] = (state.siteFunction ??= []);
/** `SiteKind.Function`/`Yield`/`AwaitCall` as plain constants: an enum member of a re-exported module is a getter call in CommonJS. */
const SITE_FUNCTION = 0;
const YIELD_SITE = 2;
const AWAIT_CALL_SITE = 13;

/** A site base handed out for unusable tables: every id built on it is unknown to the registry. */
const UNKNOWN_SITE_BASE = -(2 ** 30);

/**
 * Whether a hook argument is a task: structural, and written so that V8's escape analysis can still
 * remove the allocation of a task that never parks (measured: `instanceof Task` compiles to a builtin
 * call and `typeof value === 'object'` is opaque to it; both cost the allocation, +5–7 % on an
 * empty async call). A primitive has no `prevLive`, so reading it is safe, and the emitted code
 * never writes it (it does write `parkedAt`). Accepts the debug tier's tasks. A `prevLive` getter
 * that throws is not a task either.
 * For an argument that may well be absent (`created`'s parent: a call at module top level has none).
 */
function isTask(value: unknown): value is Task {
  return value !== undefined && value !== null && isTaskArgument(value);
}

/**
 * `isTask` for the task argument of `suspend`, `resume`, `park` and `exit`, which the emitted code
 * always fills with its `__lwTask`: `undefined` and `null` are turned away by the read throwing, not by
 * comparing against them first. An unused `catch` costs nothing on the path taken; the two comparisons
 * cost 12 instructions per call + await (docs/benchmarks.md, "Instructions per call"). A thrown and
 * caught TypeError costs microseconds, which only hand-written code passing no task pays; never use
 * this for an argument that is often absent (a bench/runtime.mjs http run fell to 0.68× when `claim`'s
 * parent went through it).
 */
function isTaskArgument(value: unknown): value is Task {
  try {
    return (value as Task).prevLive !== undefined;
  } catch {
    return false;
  }
}

/** The function a site belongs to (0: unknown, also for a site id that is not one). */
function functionOfSite(site: unknown): number {
  return typeof site === 'number' && site > 0 ? siteFunctions[site] ?? 0 : 0;
}

function siteId(value: unknown): number {
  return typeof value === 'number' ? value | 0 : 0;
}

function invalidateClock(): void {
  state.clockValid = false;
}

/**
 * Starts a clock turn with task `firstId`: one Date.now() and one unref'd 1 ms timer, at most once a
 * millisecond. A timer rather than setImmediate because an unref'd immediate does not stop the loop
 * from blocking in poll, which would leave the turn open (and the time stale) until the next I/O.
 */
function startTurn(firstId: number): void {
  state.clockValid = true;
  const tail = head.prevLive!;
  const ids = state.turnIds;
  const times = state.turnTimes;
  if (tail === head && state.pending === null) {
    ids.length = 0;
    times.length = 0;
  } else {
    // Keep the turns from the oldest live task on; every other task is younger (ids grow with time).
    const oldest = tail === head ? state.pending!.id : tail.id;
    let drop = 0;
    while (drop + 1 < ids.length && ids[drop + 1]! <= oldest) drop++;
    if (drop > 0) {
      const kept = ids.length - drop;
      for (let i = 0; i < kept; i++) {
        ids[i] = ids[i + drop]!;
        times[i] = times[i + drop]!;
      }
      ids.length = kept;
      times.length = kept;
    }
  }
  if (state.turnIds.length >= state.turnCapacity) compactTurns();
  // Index stores, not push/slice: code that replaces Array.prototype methods must not see calls it did not make.
  const turns = state.turnIds.length;
  state.turnIds[turns] = firstId;
  state.turnTimes[turns] = now() - state.epoch;
  unpatchedSetTimeout(invalidateClock, 1).unref();
}

/**
 * Keeps only the turns some live task started in. Without this, one long-lived task (a `main` parked
 * for days) would keep an entry for every busy millisecond since it started. O(live tasks + turns),
 * run once per `turnCapacity` turns; the capacity doubles while the live tasks really need that many.
 */
function compactTurns(): void {
  const ids = state.turnIds;
  const times = state.turnTimes;
  const needed = new Uint8Array(ids.length);
  const mark = (task: Task): void => {
    needed[turnIndexOf(ids, task.id)] = 1;
  };
  if (state.pending !== null) mark(state.pending);
  for (let task = head.nextLive!; task !== head; task = task.nextLive!) mark(task);
  const keptIds: number[] = [];
  const keptTimes: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (needed[i] === 1) {
      keptIds.push(ids[i]!);
      keptTimes.push(times[i]!);
    }
  }
  state.turnIds = keptIds;
  state.turnTimes = keptTimes;
  if (keptIds.length * 2 > state.turnCapacity) state.turnCapacity *= 2;
}

/** Index of the last turn whose first task id is <= `taskId` (0 when it is older than them all). */
function turnIndexOf(ids: readonly number[], taskId: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ids[mid]! <= taskId) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function link(task: Task): void {
  const first = head.nextLive!;
  task.nextLive = first;
  task.prevLive = head;
  first.prevLive = task;
  head.nextLive = task;
}

function firstPark(task: Task): void {
  let id = task.id;
  if (id === 0) task.id = id = state.nextId++;
  if (!state.clockValid) startTurn(id);
  const pending = state.pending;
  if (pending !== null) link(pending);
  state.pending = task;
  // Control goes back to the caller now, whose `created` call claims this task.
  state.returnedId = id;
}

/**
 * The running task (`id`) stops running (parks or exits): the task it interrupted, if any, runs again.
 * Takes the id, not the task: see `exit`.
 */
function leave(id: number): void {
  const nested = state.nested;
  const n = nested.length;
  if (n !== 0 && nested[n - 2] === id) {
    state.currentId = nested[n - 1]!;
    nested.length = n - 2;
  } else {
    state.currentId = 0;
  }
}

function registerSites(file: string, sites: readonly number[], names: readonly string[], source?: unknown, location?: unknown): number {
  try {
    if (!Array.isArray(sites)) return UNKNOWN_SITE_BASE;
    const base = state.siteKind.length;
    // With its origin, a file is `name\0source\0location`, resolved to a path when reported (sites.ts).
    const fileName = typeof file !== 'string' ? '<unknown>'
      : typeof source === 'string' && typeof location === 'string' ? `${file}\0${source}\0${location}` : file;
    let fileIndex = state.files.indexOf(fileName);
    if (fileIndex < 0) fileIndex = state.files.push(fileName) - 1;
    const nameBase = state.names.length;
    const nameCount = Array.isArray(names) ? names.length : 0;
    for (let i = 0; i < nameCount; i++) state.names.push(String(names[i]));
    // sites: flat [kind, line, column, nameIndex] per site, in local-id order starting at 0. nameIndex
    // is -1 for none, and `-2 - f` for a site a task parks at, f being its function's local id.
    const count = sites.length >> 2;
    for (let i = 0; i + 3 < sites.length; i += 4) {
      const nameIndex = siteId(sites[i + 3]);
      state.siteFile.push(fileIndex);
      state.siteKind.push(siteId(sites[i]));
      state.siteLine.push(siteId(sites[i + 1]));
      state.siteColumn.push(siteId(sites[i + 2]));
      state.siteName.push(nameIndex < 0 || nameIndex >= nameCount ? -1 : nameBase + nameIndex);
      const fn = -2 - nameIndex;
      if (fn >= 0 && fn < count && sites[fn * 4] === SITE_FUNCTION) siteFunctions[base + (i >> 2)] = base + fn;
    }
    return base;
  } catch {
    return UNKNOWN_SITE_BASE;
  }
}

function enter(_functionSite: number): Task {
  // `functionSite` is not stored: a parked task's function is its await site's (Task.functionSite).
  return startTask(new Task(state.currentId));
}

/** What `enter` does with its new task; the debug tier's enter makes a task of its own kind. */
function startTask<T extends Task>(task: T): T {
  // A call is starting: a task that parked earlier and was not claimed at once by a `created` (it
  // was started by uninstrumented code) must not be claimed by a later, unrelated call.
  state.returnedId = 0;
  // `currentId` is not set here: a task that never parks then costs one allocation that V8 removes.
  // Its synchronous first segment is attributed to its caller.
  return task;
}

function park<T>(task: Task, site: number, value: T): T {
  // An exited task is never linked again (a done task is always unlinked: see exit).
  if (!isTaskArgument(task) || task.parkedAt === DONE) return value;
  task.parkedAt = siteId(site);
  return suspend(task, value);
}

/**
 * The emitted code stores the site before the operand is evaluated (the transform uses `park` where
 * the operand itself awaits or yields, which would store its own). A stored site that is not a
 * number counts as unknown. (ESM output stores `__lwSites + n | 0`: there `__lwSites` is a `var`, still
 * undefined while an import cycle runs a hoisted function early, and one NaN stored into `parkedAt`
 * would turn that field from small integers into boxed doubles in every task.)
 */
function suspend<T>(task: Task, value: T): T {
  if (!isTaskArgument(task)) return value;
  const at = siteId(task.parkedAt);
  const kind = siteKinds[at];
  // `await f()`: f's `created` is folded into this park, and must claim f's task before this task's
  // own first park makes it the pending one. The call's site is the next one.
  if (kind === AWAIT_CALL_SITE && state.returnedId !== 0) claim(at + 1, value, task);
  if (task.prevLive === null && state.pending !== task) firstPark(task);
  // An async generator suspended at `yield` waits for its consumer, not for I/O, and a consumer that
  // drops it without `return()` never resumes it: it leaves the registry as an exiting task does, and
  // comes back on resume (`relinkAfterYield`). tasks() lists a generator while it runs or awaits.
  if (kind === YIELD_SITE) exit(task);
  task.parkedAt = at;
  if (state.currentId === task.id) leave(task.id);
  return value;
}

/**
 * `suspend` for an `await`: the site's kind is read only when a task has just handed control back
 * (`await f()` may claim it), and there is no yield to leave the registry at. The emitted code
 * stores a number (CommonJS: its site base is set before any code of the module runs; ES modules
 * store `… | 0`), so the site is checked only where it indexes the table.
 */
function awaiting<T>(task: Task, value: T): T {
  if (!isTaskArgument(task)) return value;
  if (state.returnedId !== 0) {
    const at = siteId(task.parkedAt);
    if (siteKinds[at] === AWAIT_CALL_SITE) claim(at + 1, value, task);
  }
  if (task.prevLive === null && state.pending !== task) firstPark(task);
  if (state.currentId === task.id) leave(task.id);
  return value;
}

/**
 * `resume` after an `await`: the task parked there, so it is listed (pending or linked) and has an
 * id; only a task that was unlinked at a yield needs relinking, which `resume` does.
 */
function awaited<T>(task: Task, value?: T): T | undefined {
  if (!isTaskArgument(task)) return value;
  const id = task.id;
  const current = state.currentId;
  if (current !== id && id !== 0) runsAgain(id, current);
  return value;
}

/**
 * Task `id` runs again, in place of task `current` (0: none), which it interrupts if it is one: a
 * resume nested in another task's segment (an async generator's `next()` called by a task).
 */
function runsAgain(id: number, current: number): void {
  if (current !== 0) {
    const nested = state.nested;
    const n = nested.length;
    nested[n] = id;
    nested[n + 1] = current;
  }
  state.currentId = id;
  // A new synchronous stretch: see `enter`.
  state.returnedId = 0;
}

/** Back from a yield: linked again, next to the tasks of its age (the list's tail stays its oldest task). */
function relinkAfterYield(task: Task): void {
  generators.applyYieldClaim(task);
  const tail = head.prevLive!;
  if (tail === head || task.id > tail.id) return link(task);
  task.prevLive = tail;
  task.nextLive = head;
  tail.nextLive = task;
  head.prevLive = task;
}

function resume<T>(task: Task, value: T): T {
  // Idempotent: also called at the top of catch/finally blocks, where a rejected await lands.
  if (!isTaskArgument(task)) return value;
  const id = task.id;
  // Id 0: a catch/finally in the synchronous first segment; that segment belongs to the caller.
  if (id === 0) return value;
  const current = state.currentId;
  if (current !== id) {
    // Unlinked at a yield (parked before, not done, reachable from nothing): see suspend. By the site's
    // kind: a task in its first segment, whose await operand threw into a catch of its own, has stored
    // that await's site but never parked (it has an id if it became a parent).
    if (task.prevLive === null && state.pending !== task && siteKinds[siteId(task.parkedAt)] === YIELD_SITE) relinkAfterYield(task);
    runsAgain(id, current);
  }
  return value;
}

function exit(task: Task): void {
  if (!isTaskArgument(task)) return;
  // Unreachable from the registry from now on: out of the live list, or no longer the pending task.
  // Written out here, with no call that takes the task: a task that never parked (the usual one) is
  // neither linked nor pending, but a call on a path it never takes still costs it its allocation,
  // because V8 does not inline a rarely taken call, and an object passed to a call that is not inlined
  // cannot be removed (docs/benchmarks.md, "Allocated per call").
  const prev = task.prevLive;
  // `typeof`: a hand-written look-alike that passed the structural check has no links to follow.
  if (prev !== null && typeof prev === 'object') {
    const next = task.nextLive!;
    prev.nextLive = next;
    next.prevLive = prev;
    task.prevLive = null;
    task.nextLive = null;
  } else if (state.pending === task) {
    state.pending = null;
  }
  const id = task.id;
  if (id !== 0 && state.currentId === id) leave(id);
  task.parkedAt = DONE;
}

function created<T>(callSite: number, value: T, parent?: Task): T {
  if (state.returnedId !== 0) claim(siteId(callSite), value, parent);
  return value;
}

/** The task that just handed control back to its caller was started by the call at `callSite`, which returned `value`. */
function claim(callSite: number, value: unknown, parent: Task | undefined): void {
  const returnedId = state.returnedId;
  state.returnedId = 0;
  // A call to an async function returns its promise. One that returned something else (`forEach`,
  // `emit`: undefined, true) called the task's function from uninstrumented code, which then dropped
  // the promise: the task is an orphan, and neither this call's site nor this task is its origin.
  if (typeof value !== 'object' || value === null) return;
  const task = state.pending;
  if (task !== null && task.id === returnedId && task.createdAt === 0) {
    // generator-claims.ts `adopt`, written out: the hot path of every first park of an awaited call.
    task.createdAt = callSite;
    // A store into a task that was just allocated: young-to-young, no remembered-set entry.
    task.promise = value;
    if (isTask(parent) && parent !== task) {
      let parentId = parent.id;
      if (parentId === 0) parent.id = parentId = state.nextId++;
      task.parentId = parentId;
    }
  } else if (returnedId > 0) {
    generators.claimUnusual(task, returnedId, callSite, value, parent);
  }
}

/** The always-on tier has no use for it: a task that throws leaves the list in `exit` like any other. */
function threw(_task: Task, _error: unknown): void {}

/**
 * Through the shared object's `exit`, whichever tier installed it (the debug tier need not replace
 * this one, nor need an older copy whose hooks object gets it below). The value comes first: only the
 * callee and receiver are held in frame registers while the returned expression is evaluated.
 */
function returned<T>(value: T, task: Task): T {
  hooks.exit(task);
  return value;
}

const generators = generatorClaims({ state, hooks: () => hooks, isTask, siteId, done: DONE });
const { enterGenerator, forAwait } = generators;

const hooks: Hooks = shared(HOOKS_KEY, () => ({
  registerSites, enter, enterGenerator, park, suspend, resume, awaiting, awaited, exit, returned, created, threw, forAwait,
}));
// A hooks object made by an older copy of this package: code this copy's transform emitted calls these.
if (typeof hooks.threw !== 'function') hooks.threw = threw;
if (typeof hooks.returned !== 'function') hooks.returned = returned;
if (typeof hooks.suspend !== 'function') hooks.suspend = suspendThroughPark;
// Through the object's own suspend and resume: a tier an older copy installed replaced those.
if (typeof hooks.awaiting !== 'function') hooks.awaiting = (task, value) => hooks.suspend(task, value);
if (typeof hooks.awaited !== 'function') hooks.awaited = (task, value) => hooks.resume(task, value);
if (typeof hooks.enterGenerator !== 'function') hooks.enterGenerator = enterGenerator;
if (typeof hooks.forAwait !== 'function') hooks.forAwait = forAwait;
// Its tasks are of its own Task class (the one `head` was made with): they need this copy's setter,
// which goes through the shared hooks object like theirs would.
if (!('thrown' in head)) {
  Object.defineProperty(Object.getPrototypeOf(head), 'thrown', Object.getOwnPropertyDescriptor(Task.prototype, 'thrown')!);
}

/** `suspend` for an older copy's hooks object, whose `park` takes the site as an argument. */
function suspendThroughPark<T>(task: Task, value: T): T {
  return isTaskArgument(task) ? hooks.park(task, task.parkedAt, value) : value;
}

export { state, hooks, DONE, now, turnIndexOf, startTask };

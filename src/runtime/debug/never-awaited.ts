/**
 * Never-awaited promises: a promise returned by an instrumented call that nothing ever reacted to —
 * no await, then/catch/finally, combinator, or resolve() with it.
 *
 * The transform says how each call's value is used (docs/internals.md, "Call site kinds"), so most
 * promises need no watching at all: an awaited, returned, combined or `.then`-ed call is handled by
 * construction, a voided one is deliberate. Two kinds remain:
 * - dropped (`f();`): never awaited by construction, a *suspect* at once;
 * - stored or passed on (`const p = f()`, kind 3): *watched*. V8's promise hook `onInit(promise,
 *   parent)` fires with `parent` set whenever a reaction is attached to `parent`; it is switched on
 *   when the first watched promise appears (before anything could react to it) and off again when
 *   none is left (all reacted, reported or collected), so a program that awaits what it calls never
 *   runs with it. (V8 keeps its async fast paths off once any promise hook was set: see
 *   docs/benchmarks.md, "Debug tier".)
 * Suspects and watched promises live in a WeakMap keyed by the promise plus a FinalizationRegistry
 * entry: nothing here keeps a promise alive.
 *
 * When to report: one collected without a reaction, or still without one at exit, was never
 * awaited. Nothing is reported while the promise is alive, so awaiting it later is never a false
 * positive; the price is that the report comes at collection or at exit, not at once.
 */
import { promiseHooks } from 'node:v8';
import { state, type Task } from '../hooks';
import { findLiveTask } from '../registry';
import { base, siteNameOf, siteOf, taskOf, type NeverAwaitedReport, type ReportTask } from './report';

/**
 * A task as the report will need it, kept as integers and a name: a suspect must not keep its tasks
 * alive, and paths are resolved only for the few suspects that are reported (a stored promise that
 * gets awaited, the usual case, never is).
 */
class TaskRef {
  constructor(
    readonly id: number,
    readonly functionSite: number,
    readonly createdAt: number,
    /** The nameTask() name, also one given after the call (`nameTask(f(), 'x')`: see renameSuspect). */
    public name: string | null,
  ) {}
}

function refOf(task: Task | null): TaskRef | null {
  return task === null ? null : new TaskRef(task.id, task.functionSite, task.createdAt, state.taskNames.get(task) ?? null);
}

function described(ref: TaskRef | null): ReportTask | null {
  return ref === null ? null : taskOf(state, ref.id, ref.functionSite, ref.createdAt, ref.name);
}

/** What the report needs. */
class Suspect {
  constructor(
    readonly callSite: number,
    readonly callee: TaskRef | null,
    readonly inTask: TaskRef | null,
    /** Counted in `watchedCount` (needs the promise hook) until it reacts or is reported. */
    readonly watched: boolean,
  ) {}
}

const suspects = new WeakMap<object, Suspect>();
const open = new Set<Suspect>();
/** Open suspects by their callee's task id, for a name given after the call. */
const openByCallee = new Map<number, Suspect>();
let watchedCount = 0;
let stopHook: (() => void) | null = null;
let report: (r: NeverAwaitedReport) => void = () => undefined;
const collected = new FinalizationRegistry<Suspect>((suspect) => {
  if (!open.has(suspect)) return;
  close(suspect);
  report(toReport(suspect, 'collected'));
});

/** The promise hook: while on, runs for every promise the process creates, so it does as little as it can. */
function onPromiseInit(_promise: Promise<unknown>, parent: Promise<unknown> | undefined): void {
  if (parent === undefined) return;
  const suspect = suspects.get(parent);
  if (suspect !== undefined && open.has(suspect)) close(suspect);
}

function close(suspect: Suspect): void {
  open.delete(suspect);
  const id = suspect.callee?.id ?? 0;
  if (id > 0 && openByCallee.get(id) === suspect) openByCallee.delete(id);
  collected.unregister(suspect);
  if (suspect.watched && --watchedCount === 0 && stopHook !== null) {
    const stop = stopHook;
    stopHook = null;
    stop();
  }
}

export function describeTask(task: Task | null): ReportTask | null {
  return described(refOf(task));
}

function add(promise: Promise<unknown>, callSite: number, callee: Task | null, inTask: Task | null, watched: boolean): void {
  if (suspects.has(promise)) return;
  const suspect = new Suspect(callSite, refOf(callee), refOf(inTask), watched);
  suspects.set(promise, suspect);
  open.add(suspect);
  const id = suspect.callee?.id ?? 0;
  if (id > 0) openByCallee.set(id, suspect);
  collected.register(promise, suspect, suspect);
  if (watched && watchedCount++ === 0 && stopHook === null) stopHook = promiseHooks.onInit(onPromiseInit) as () => void;
}

/** nameTask() on a task whose promise is a suspect: its report names the task so. */
export function renameSuspect(task: Task, name: string): void {
  const suspect = openByCallee.get(task.id);
  if (suspect !== undefined && suspect.callee !== null) suspect.callee.name = name;
}

/** A stored or passed-on promise (kind 3): watched for a reaction; called before anything can react. */
export function watchPromise(promise: Promise<unknown>, callSite: number, callee: Task | null, inTask: Task | null): void {
  add(promise, callSite, callee, inTask, true);
}

/** A dropped promise (`f();`): nothing can react to it any more. */
export function dropPromise(promise: Promise<unknown>, callSite: number, callee: Task | null, inTask: Task | null): void {
  add(promise, callSite, callee, inTask, false);
}

function toReport(suspect: Suspect, detectedAt: 'collected' | 'exit'): NeverAwaitedReport {
  return {
    type: 'never-awaited',
    ...base(),
    // The async function called, whatever name its task was given; else the call's own name.
    callee: (suspect.callee === null ? null : siteNameOf(state, suspect.callee.functionSite)) ?? siteNameOf(state, suspect.callSite),
    createdAt: siteOf(state, suspect.callSite),
    task: described(suspect.callee),
    inTask: described(suspect.inTask),
    detectedAt,
  };
}

export function setNeverAwaitedReporter(reporter: (r: NeverAwaitedReport) => void): void {
  report = reporter;
}

/**
 * For an unhandled rejection: whether the promise came from an instrumented call and never got a
 * reaction. Claims it, so it is not reported a second time as never awaited.
 */
export function claimUnawaited(promise: unknown): { callee: ReportTask | null; callSite: number } | null {
  if (typeof promise !== 'object' || promise === null) return null;
  const suspect = suspects.get(promise);
  if (suspect === undefined || !open.has(suspect)) return null;
  close(suspect);
  return { callee: described(suspect.callee), callSite: suspect.callSite };
}

/** At exit: every promise from an instrumented call that is still without a reaction. */
export function reportUnawaitedAtExit(): void {
  for (const suspect of [...open]) {
    close(suspect);
    // A task still running is reported as pending at exit instead.
    const id = suspect.callee?.id ?? null;
    if (id !== null && findLiveTask(id) !== null) continue;
    report(toReport(suspect, 'exit'));
  }
}

/** For tests: how many suspects are waiting for a reaction, and whether the promise hook is on. */
export function openSuspectCount(): number {
  return open.size;
}

export function promiseHookActive(): boolean {
  return stopHook !== null;
}

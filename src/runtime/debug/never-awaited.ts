/**
 * Never-awaited promises: a promise returned by an instrumented call (`created`) that nothing ever
 * reacted to — no await, then/catch/finally, combinator, or resolve() with it.
 *
 * V8's promise hook `onInit(promise, parent)` fires with `parent` set whenever a reaction is
 * attached to `parent`. The promise from the last instrumented call waits in one slot; the usual
 * `await f()` reacts to it at once and costs a comparison. A promise still without a reaction when
 * the next instrumented call comes (or the turn ends) becomes a *suspect*: a record in a WeakMap
 * keyed by the promise, plus a FinalizationRegistry entry. Nothing here keeps a promise alive beyond
 * the slot (one promise, until the next call or the end of the turn).
 *
 * When to report: a suspect collected without a reaction, or still without one at exit, was never
 * awaited. Nothing is reported while the promise is alive, so awaiting it later is never a false
 * positive; the price is that the report comes at collection or at exit, not at once.
 */
import { state, type Task } from '../hooks';
import { findLiveTask } from '../registry';
import { base, siteNameOf, siteOf, taskOf, type NeverAwaitedReport, type ReportTask } from './report';

/** What the report needs, as integers and names (a suspect must not keep its tasks alive). */
class Suspect {
  reacted = false;
  constructor(
    readonly callSite: number,
    readonly callee: ReportTask | null,
    readonly inTask: ReportTask | null,
  ) {}
}

let lastInit: unknown;
/** The last promise created as a reaction (`then`/`catch`/`finally`): a handled chain, not new work. */
let lastDerived: unknown;
let slotPromise: unknown;
let slotSite = 0;
let slotCallee: Task | null = null;
let slotIn: Task | null = null;
let flushScheduled = false;
let suspectCount = 0;
const suspects = new WeakMap<object, Suspect>();
const open = new Set<Suspect>();
let report: (r: NeverAwaitedReport) => void = () => undefined;
let onSuspectTask: (task: Task) => void = () => undefined;
const collected = new FinalizationRegistry<Suspect>((suspect) => {
  if (!open.delete(suspect)) return;
  suspectCount = open.size;
  report(toReport(suspect, 'collected'));
});

/** The promise hook: runs for every promise the process creates, so it does as little as it can. */
export function onPromiseInit(promise: Promise<unknown>, parent: Promise<unknown> | undefined): void {
  if (parent === undefined) {
    lastInit = promise;
    return;
  }
  lastDerived = promise;
  if (parent === slotPromise) {
    clearSlot();
    return;
  }
  if (suspectCount !== 0) {
    const suspect = suspects.get(parent);
    if (suspect !== undefined && !suspect.reacted) settle(suspect);
  }
}

/** The promise created just before this call: for `enter`, the async function's own promise. */
export function takeLastInit(): unknown {
  const promise = lastInit;
  lastInit = undefined;
  return promise;
}

function clearSlot(): void {
  slotPromise = undefined;
  slotCallee = null;
  slotIn = null;
}

function settle(suspect: Suspect): void {
  suspect.reacted = true;
  open.delete(suspect);
  collected.unregister(suspect);
  suspectCount = open.size;
}

export function describeTask(task: Task | null): ReportTask | null {
  if (task === null) return null;
  return taskOf(state, task.id, task.functionSite, task.createdAt, state.taskNames.get(task) ?? null);
}

function flush(): void {
  flushScheduled = false;
  demote();
}

function demote(): void {
  const promise = slotPromise;
  if (promise === undefined) return;
  const suspect = new Suspect(slotSite, describeTask(slotCallee), describeTask(slotIn));
  if (slotCallee !== null) onSuspectTask(slotCallee);
  clearSlot();
  suspects.set(promise as object, suspect);
  open.add(suspect);
  collected.register(promise as object, suspect, suspect);
  suspectCount = open.size;
}

/** Called by `created` with the promise an instrumented call returned. */
export function trackCreated(promise: Promise<unknown>, callSite: number, callee: Task | null, inTask: Task | null): void {
  if (promise === lastDerived || promise === slotPromise || suspects.has(promise)) return;
  if (slotPromise !== undefined) demote();
  slotPromise = promise;
  slotSite = callSite;
  slotCallee = callee;
  slotIn = inTask;
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush).unref();
  }
}

function toReport(suspect: Suspect, detectedAt: 'collected' | 'exit'): NeverAwaitedReport {
  return {
    type: 'never-awaited',
    ...base(),
    callee: suspect.callee?.name ?? siteNameOf(state, suspect.callSite),
    createdAt: siteOf(state, suspect.callSite),
    task: suspect.callee,
    inTask: suspect.inTask,
    detectedAt,
  };
}

export function setNeverAwaitedReporter(reporter: (r: NeverAwaitedReport) => void, suspectTask: (task: Task) => void): void {
  report = reporter;
  onSuspectTask = suspectTask;
}

/**
 * For an unhandled rejection: whether the promise came from an instrumented call and never got a
 * reaction. Claims it, so it is not reported a second time as never awaited.
 */
export function claimUnawaited(promise: unknown): { callee: ReportTask | null; callSite: number } | null {
  if (promise === slotPromise) demote();
  if (typeof promise !== 'object' || promise === null) return null;
  const suspect = suspects.get(promise);
  if (suspect === undefined || suspect.reacted || !open.has(suspect)) return null;
  settle(suspect);
  return { callee: suspect.callee, callSite: suspect.callSite };
}

/** At exit: every promise from an instrumented call that is still without a reaction. */
export function reportUnawaitedAtExit(): void {
  demote();
  for (const suspect of [...open]) {
    settle(suspect);
    // A task still running is reported as pending at exit instead.
    const id = suspect.callee?.id ?? null;
    if (id !== null && findLiveTask(id) !== null) continue;
    report(toReport(suspect, 'exit'));
  }
}

/** For tests: how many suspects are waiting for a reaction. */
export function openSuspectCount(): number {
  return open.size + (slotPromise === undefined ? 0 : 1);
}

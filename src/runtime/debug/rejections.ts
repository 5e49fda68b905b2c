/**
 * Unhandled rejections, traced back to their task: its name, creation site, parent chain and the
 * await it was parked on, with the error's own stack; a later `rejectionHandled` is noted.
 *
 * Node's own behaviour is kept exactly: adding an 'unhandledRejection' listener would turn off the
 * default `--unhandled-rejections=throw` crash (and the warn-with-error-code exit code), so instead
 * of listening, `process.emit` is wrapped to *see* the event and then emit it unchanged. Whatever
 * the mode and whatever listeners the program has, Node decides the outcome as before.
 */
import { state, type Task } from '../hooks';
import { findLiveTask, taskName } from '../registry';
import { lastAwaitOf, taskOfPromise, taskOfThrown } from './debug-hooks';
import { claimUnawaited, describeTask } from './never-awaited';
import {
  base, errorOf, siteOf, type ParentTask, type RejectionHandledReport, type ReportTask, type UnhandledRejectionReport,
} from './report';

interface Reported {
  id: number;
  time: number;
  task: ReportTask | null;
}

let installed = false;
let nextRejectionId = 1;
const reported = new WeakMap<object, Reported>();
let report: (r: UnhandledRejectionReport | RejectionHandledReport) => void = () => undefined;

export function parentsOf(parentId: number): ParentTask[] {
  const parents: ParentTask[] = [];
  const seen = new Set<number>();
  for (let id = parentId; id > 0 && !seen.has(id) && parents.length < 32; ) {
    seen.add(id);
    const parent = findLiveTask(id);
    if (parent === null) {
      parents.push({ id, name: null, functionSite: null, createdAt: null });
      break;
    }
    parents.push({ id, name: taskName(parent), functionSite: siteOf(state, parent.functionSite), createdAt: siteOf(state, parent.createdAt) });
    id = parent.parentId;
  }
  return parents;
}

function unhandled(reason: unknown, promise: unknown): void {
  const task: Task | null = taskOfPromise(promise) ?? taskOfThrown(reason);
  const unawaited = claimUnawaited(promise);
  const described = task !== null ? describeTask(task) : (unawaited?.callee ?? null);
  const rejectionId = nextRejectionId++;
  if (typeof promise === 'object' && promise !== null) {
    reported.set(promise, { id: rejectionId, time: Date.now(), task: described });
  }
  report({
    type: 'unhandled-rejection',
    ...base(),
    rejectionId,
    task: described,
    awaitedAt: task === null ? null : siteOf(state, lastAwaitOf(task)),
    parents: task === null ? [] : parentsOf(task.parentId),
    neverAwaited: unawaited !== null,
    error: errorOf(reason),
  });
}

function handled(promise: unknown): void {
  if (typeof promise !== 'object' || promise === null) return;
  const seen = reported.get(promise);
  if (seen === undefined) return;
  reported.delete(promise);
  report({ type: 'rejection-handled', ...base(), rejectionId: seen.id, task: seen.task, afterMs: Date.now() - seen.time });
}

/** Wraps process.emit once; `reporter` receives the reports. */
export function watchRejections(reporter: typeof report): void {
  report = reporter;
  if (installed) return;
  installed = true;
  const emit = process.emit;
  const wrapped = function (this: NodeJS.Process, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'unhandledRejection' || event === 'rejectionHandled') {
      try {
        if (event === 'unhandledRejection') unhandled(args[0], args[1]);
        else handled(args[0]);
      } catch {
        // Reporting must never change what happens next.
      }
    }
    return (emit as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
  };
  process.emit = wrapped as typeof process.emit;
}

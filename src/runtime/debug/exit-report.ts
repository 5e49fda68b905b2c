/**
 * At exit: the promises from instrumented calls that were never awaited, the tasks still parked
 * (Node exits silently when the loop empties while an await waits on a promise that never settles),
 * the end of a block still in progress, and in strict mode the summary and a non-zero exit code.
 * The exit code is left alone unless strict mode is on.
 */
import { state, TaskState } from '../hooks';
import { liveTasks, taskName, taskStartTime, taskState } from '../registry';
import { reportUnawaitedAtExit } from './never-awaited';
import { base, siteOf, type PendingAtExitReport, type Report } from './report';
import { parentsOf } from './rejections';
import { strictSummary } from './strict';
import { finishBlock, silenceWatchdog } from './watchdog';

let installed = false;
let loopEmptied = false;
let strict = false;
let report: (r: Report) => void = () => undefined;

export function pendingTaskReports(reason: PendingAtExitReport['reason'], exitCode: number): PendingAtExitReport[] {
  const now = Date.now();
  return liveTasks()
    .filter((task) => taskState(task) === TaskState.Parked)
    .sort((a, b) => a.id - b.id)
    .map((task) => {
      const start = taskStartTime(task);
      return {
        type: 'pending-at-exit' as const,
        ...base(),
        reason,
        exitCode,
        task: {
          id: task.id,
          name: taskName(task),
          functionSite: siteOf(state, task.functionSite),
          createdAt: siteOf(state, task.createdAt),
          parkedAt: siteOf(state, task.parkedAt),
          ageMs: Number.isNaN(start) ? null : Math.max(0, now - start),
        },
        parents: parentsOf(task.parentId),
      };
    });
}

function atExit(code: number): void {
  try {
    finishBlock();
    silenceWatchdog();
    reportUnawaitedAtExit();
    for (const pending of pendingTaskReports(loopEmptied ? 'loop-empty' : 'exit', code)) report(pending);
    if (strict) {
      const exitCode = code === 0 ? 1 : code;
      const summary = strictSummary(exitCode);
      if (summary !== null) {
        report(summary);
        process.exitCode = exitCode;
      }
    }
  } catch {
    // The exit report is best effort; the exit itself must not change.
  }
}

export function watchExit(reporter: typeof report, strictMode: boolean): void {
  report = reporter;
  strict = strictMode;
  if (installed) return;
  installed = true;
  process.on('beforeExit', () => {
    loopEmptied = true;
    // A beforeExit listener may start more work: if the loop runs again, this immediate runs and a
    // later exit is a process.exit() after all. Unref'd, it neither keeps the loop alive nor counts as work.
    setImmediate(() => {
      loopEmptied = false;
    }).unref();
  });
  process.on('exit', atExit);
}

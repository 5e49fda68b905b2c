/**
 * The public task API: snapshots of live tasks, the current task, naming, and where a task is.
 * Nothing here throws into user code: on an internal error it returns an empty answer.
 */
import { isPromise } from 'node:util/types';
import { now as clockNow, state, Task, TaskState } from './hooks';
import {
  currentLiveTask, findLiveTask, liveTasks, setTaskName, taskName, taskOfPromise, taskStartTime, taskState,
} from './registry';
import { displayName } from './display';
import { formatSite, siteInfo, siteKindWord, type SiteInfo } from './sites';

export type { SiteInfo } from './sites';

/** A snapshot of one live task; it does not change or keep the task alive. */
export interface TaskInfo {
  readonly id: number;
  /** `parked`: suspended at `parkedAt`; `running`: its code is running (or queued to run) after an await. */
  readonly state: 'parked' | 'running';
  /** The nameTask() name, else the async function's name (`Class.method`, `<anonymous>`, …). */
  readonly name: string;
  /** Where the async function is declared. */
  readonly functionSite: SiteInfo | null;
  /**
   * The instrumented call that started the task (an async generator a `for await` started: the call
   * whose result the loop iterates, else the loop); null when it was called from uninstrumented code.
   */
  readonly createdAt: SiteInfo | null;
  /** The await it is suspended at; null while running. */
  readonly parkedAt: SiteInfo | null;
  /**
   * What it is parked on: `await`, `for await`, `await using`; null while running. Never `yield`: an
   * async generator at a yield waits for its consumer and is not listed (hooks.ts `suspend`).
   */
  readonly parkedOn: string | null;
  /** Id of the task that created it (it may have finished since); null when unknown. */
  readonly parentId: number | null;
  /** Milliseconds since the event-loop turn in which it first parked. */
  readonly ageMs: number;
}

/** A task and the chain of tasks that created it, innermost first. */
export interface WhereInfo {
  readonly task: TaskInfo;
  /** Parent, grandparent, …; a parent that has finished ends the chain as `{ id, state: 'finished' }`. */
  readonly parents: ReadonlyArray<TaskInfo | FinishedTask>;
}

export interface FinishedTask {
  readonly id: number;
  readonly state: 'finished';
}

/** A task, by its snapshot or its id. */
export type TaskRef = TaskInfo | number;

function snapshot(task: Task, now: number): TaskInfo {
  const parked = taskState(task) === TaskState.Parked;
  const start = taskStartTime(task);
  return {
    id: task.id,
    state: parked ? 'parked' : 'running',
    name: taskName(task),
    functionSite: siteInfo(task.functionSite),
    createdAt: siteInfo(task.createdAt),
    parkedAt: parked ? siteInfo(task.parkedAt) : null,
    parkedOn: parked ? siteKindWord(task.parkedAt) : null,
    parentId: task.parentId === 0 ? null : task.parentId,
    ageMs: Number.isNaN(start) ? 0 : Math.max(0, now - start),
  };
}

/** Snapshots of every live task that has parked at least once, oldest first. */
export function tasks(): TaskInfo[] {
  try {
    const now = clockNow();
    return liveTasks().sort((a, b) => a.id - b.id).map((task) => snapshot(task, now));
  } catch {
    return [];
  }
}

/**
 * The task whose code is running now, or null. Known once that task has resumed after its first
 * await: during the synchronous start of an async function this is the task that called it.
 */
export function currentTask(): TaskInfo | null {
  try {
    const task = currentLiveTask();
    return task === null ? null : snapshot(task, clockNow());
  } catch {
    return null;
  }
}

function resolve(ref: unknown): Task | null {
  if (typeof ref === 'number') return findLiveTask(ref);
  if (typeof ref === 'object' && ref !== null && 'id' in ref && typeof ref.id === 'number') return findLiveTask(ref.id);
  return null;
}

/**
 * Names the task behind `promise` in tasks(), printTasks() and reports, and returns `promise`:
 * `await nameTask(fetchUser(id), 'fetch user 42')`.
 *
 * `promise` is what an instrumented async function call returned; the call must have been made from
 * instrumented code (that is where the transform records which task a call started). A promise whose
 * task has finished or never awaited anything names nothing. A TaskInfo or a task id also works:
 * `nameTask(currentTask()!, 'worker')`. Finding the task walks the live list (O(live tasks)).
 */
export function nameTask<T>(promise: T, name: string): T;
export function nameTask(task: TaskRef, name: string): TaskRef;
export function nameTask(target: unknown, name: string): unknown {
  try {
    // isPromise, not instanceof: a Proxy's getPrototypeOf trap would run (and may throw).
    const task = taskOfPromise(target) ?? (isPromise(target) ? null : resolve(target));
    if (task !== null) setTaskName(task, String(name));
  } catch {
    // A name that cannot become a string names nothing.
  }
  return target;
}

/** A task and the tasks that created it, as data; null when the task is not live. */
export function whereInfo(ref: TaskRef): WhereInfo | null {
  try {
    const task = resolve(ref);
    if (task === null) return null;
    const now = clockNow();
    const parents: Array<TaskInfo | FinishedTask> = [];
    const seen = new Set<number>([task.id]);
    for (let id = task.parentId; id !== 0 && !seen.has(id); ) {
      seen.add(id);
      const parent = findLiveTask(id);
      if (parent === null) {
        parents.push({ id, state: 'finished' });
        break;
      }
      parents.push(snapshot(parent, now));
      id = parent.parentId;
    }
    return { task: snapshot(task, now), parents };
  } catch {
    return null;
  }
}

function describe(info: TaskInfo): string {
  const at = info.state === 'parked'
    ? `parked at ${formatSite(info.parkedAt)} (${info.parkedOn})`
    : 'running';
  const created = info.createdAt === null ? '' : `, created at ${formatSite(info.createdAt)}`;
  return `#${info.id} ${displayName(info.name)} ${at}${created}`;
}

/**
 * Where a task is: its parked site, then the chain of tasks that created it, one per line:
 *
 *     #7 fetchUser parked at src/db.ts:20:11 (await), created at src/api.ts:44:18
 *       created by #3 handleUpload parked at src/api.ts:44:5 (await), created at src/server.ts:12:5
 *       created by #1 (finished)
 */
export function where(ref: TaskRef): string {
  try {
    const info = whereInfo(ref);
    if (info === null) return `#${typeof ref === 'number' ? ref : String(ref?.id)} (not live)`;
    const lines = [describe(info.task)];
    for (const parent of info.parents) {
      lines.push(`  created by ${parent.state === 'finished' ? `#${parent.id} (finished)` : describe(parent)}`);
    }
    return lines.join('\n');
  } catch {
    return '(unknown task)';
  }
}

/** The number of live tasks the registry holds (for tests and monitors; O(live tasks)). */
export { liveTaskCount } from './registry';

/** @internal For tests: the registry's state object. */
export const registryState = state;

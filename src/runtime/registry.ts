/**
 * Raw access to the live tasks, for the public API (tasks.ts) and the debug tier. Everything here
 * is read-only and O(live tasks) at most; none of it runs on the hot path.
 */
import { DONE, state, Task, TaskState, turnIndexOf } from './hooks';
import { siteName } from './sites';

/** Every live task that has parked at least once: the pending one, then the linked ones, newest first. */
export function liveTasks(): Task[] {
  const out: Task[] = [];
  const pending = state.pending;
  if (pending !== null) out.push(pending);
  const head = state.head;
  for (let task = head.nextLive!; task !== head; task = task.nextLive!) out.push(task);
  return out;
}

export function liveTaskCount(): number {
  let count = state.pending === null ? 0 : 1;
  const head = state.head;
  for (let task = head.nextLive!; task !== head; task = task.nextLive!) count++;
  return count;
}

export function findLiveTask(id: number): Task | null {
  if (!Number.isInteger(id) || id <= 0) return null;
  const pending = state.pending;
  if (pending !== null && pending.id === id) return pending;
  const head = state.head;
  for (let task = head.nextLive!; task !== head; task = task.nextLive!) if (task.id === id) return task;
  return null;
}

/** Whether the registry can reach this task (it parked and has not exited). */
export function isLive(task: Task): boolean {
  return task.prevLive !== null || state.pending === task;
}

/** Whether the task's code is running: it is the current task or one a nested resume interrupted. */
function isRunning(task: Task): boolean {
  if (task.id === state.currentId) return true;
  const nested = state.nested;
  for (let i = 0; i < nested.length; i += 2) if (nested[i] === task.id || nested[i + 1] === task.id) return true;
  return false;
}

export function taskState(task: Task): TaskState {
  if (task.parkedAt === DONE) return TaskState.Done;
  if (!isLive(task)) return TaskState.Running;
  return isRunning(task) ? TaskState.Resumed : TaskState.Parked;
}

/** The task running now, as far as the registry knows: set when a task resumes after an await. */
export function currentLiveTask(): Task | null {
  return state.currentId === 0 ? null : findLiveTask(state.currentId);
}

/** What reports call a task: its nameTask() name, else its function's name. */
export function taskName(task: Task): string {
  return state.taskNames.get(task) ?? siteName(task.functionSite) ?? '<anonymous>';
}

/** Told of every name given (the debug tier: its watchdog worker cannot read the WeakMap). */
export function setNameListener(listener: ((task: Task, name: string) => void) | null): void {
  state.nameListener = listener;
}

export function setTaskName(task: Task, name: string): void {
  state.taskNames.set(task, name);
  const listener = state.nameListener;
  if (typeof listener === 'function') listener(task, name);
}

/** The live task an instrumented call that returned `promise` started (O(live tasks)). */
export function taskOfPromise(promise: unknown): Task | null {
  if (promise === undefined || promise === null) return null;
  const pending = state.pending;
  if (pending !== null && pending.promise === promise) return pending;
  const head = state.head;
  for (let task = head.nextLive!; task !== head; task = task.nextLive!) if (task.promise === promise) return task;
  return null;
}

/**
 * Epoch milliseconds of the event-loop turn in which the task first parked (or got its id), from
 * the per-turn table in hooks.ts; NaN when unknown.
 */
export function taskStartTime(task: Task): number {
  const ids = state.turnIds;
  if (ids.length === 0 || task.id === 0) return NaN;
  // A task older than the table's first entry got its id in the turn of that entry (see startTurn)
  // or just before it.
  return state.epoch + state.turnTimes[turnIndexOf(ids, task.id)]!;
}

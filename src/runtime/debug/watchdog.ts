/**
 * Blocked-loop watchdog, main-thread side: a heartbeat into shared memory (an unref'd interval, so
 * it never keeps the process alive), the worker that watches it, and the report of a block's total
 * duration once the loop is free again. The running task and segment are written to the same
 * memory by the debug hooks (debug-hooks.ts).
 */
import { extname, join } from 'node:path';
// node:timers' own functions: fake timers replace the globals (see hooks.ts `unpatchedSetTimeout`).
import { clearInterval, setInterval } from 'node:timers';
import { Worker } from 'node:worker_threads';
import { now as clockNow, state, type Task } from '../hooks';
import { findLiveTask, liveTasks } from '../registry';
import type { ReportFormat } from './config';
import { base, blockedContext, type BlockedLoopReport } from './report';
import { LATCHED_COUNT, Slot } from './shared';

export interface WatchdogSettings {
  slowMs: number;
  fd: number;
  format: ReportFormat;
  color: boolean;
  /** Whether the worker writes the live report (false when reports go to onReport only). */
  write: boolean;
  /** Add the main thread's stack to the live report (inspector; main-stack.ts). */
  stack: boolean;
}

/** Messages to the worker: the tables it reads names from, kept in step with the main thread's. */
export type ToWorker =
  | { kind: 'sites'; file: string; sites: number[]; names: string[] }
  | { kind: 'name'; id: number; name: string }
  | { kind: 'forget'; id: number };

/** Data the worker starts with (workerData). */
export interface WorkerData extends WatchdogSettings {
  buffer: SharedArrayBuffer;
  epoch: number;
  heartbeatMs: number;
  pollMs: number;
  cwd: string;
  table: {
    siteFile: number[]; siteKind: number[]; siteLine: number[]; siteColumn: number[]; siteName: number[];
    files: string[]; names: string[];
  };
  /** [task id, nameTask() name] of the live tasks named before the worker started. */
  names: Array<[number, string]>;
}

export const sharedView = new Int32Array(new SharedArrayBuffer(Slot.Size * Int32Array.BYTES_PER_ELEMENT));
// The clock hooks.ts captured when the runtime loaded: a program (or its fake timers) that replaces
// Date.now later must not move the heartbeat, which the worker compares with its own Date.now.
const epoch = clockNow();

let worker: Worker | null = null;
let heartbeat: NodeJS.Timeout | null = null;
let slowMs = 100;
let ready: Promise<void> = Promise.resolve();
let report: (r: BlockedLoopReport) => void = () => undefined;

function now(): number {
  return clockNow() - epoch;
}

/** Reports the end of a block the worker has reported (called on every beat and at exit). */
export function finishBlock(): void {
  const v = sharedView;
  if (Atomics.load(v, Slot.Latch) !== 1) return;
  // Fresh heartbeat before the latch opens, or the worker would see the old one and report again.
  Atomics.store(v, Slot.Heartbeat, now());
  const durationMs = Math.max(slowMs, now() - v[Slot.BlockStart]!);
  const context = blockedContext(state, v.slice(Slot.Latched, Slot.Latched + LATCHED_COUNT), givenName);
  Atomics.store(v, Slot.Latch, 0);
  report({
    type: 'blocked-loop',
    ...base(),
    phase: 'ended',
    durationMs,
    slowMs,
    ...context,
    stack: null,
    callback: null,
  });
}

/**
 * The nameTask() names the worker was sent, by task id, until the task is collected: the task that
 * blocked the loop has often finished by the time the end of the block is reported.
 */
const namesById = new Map<number, string>();

/** The nameTask() name of a task, or null. */
function givenName(id: number): string | null {
  const task = findLiveTask(id);
  return (task === null ? undefined : state.taskNames.get(task)) ?? namesById.get(id) ?? null;
}

/** At exit: the exit handlers are not a blocked loop; keep the worker quiet until the process ends. */
export function silenceWatchdog(): void {
  Atomics.store(sharedView, Slot.Heartbeat, now() + 2 ** 29);
}

function beat(): void {
  Atomics.store(sharedView, Slot.Heartbeat, now());
  finishBlock();
}

function workerFile(): string {
  // Compiled: watchdog-worker.js next to this file; under tsx (tests): the .ts source.
  return join(__dirname, `watchdog-worker${extname(__filename)}`);
}

export function stopWatchdog(): void {
  if (heartbeat !== null) clearInterval(heartbeat);
  heartbeat = null;
  if (worker !== null) void worker.terminate().catch(() => undefined);
  worker = null;
}

/** Starts (or restarts) the watchdog; returns a problem description when it cannot run. */
export function startWatchdog(settings: WatchdogSettings, reporter: typeof report, onProblem: (message: string) => void): void {
  stopWatchdog();
  report = reporter;
  slowMs = settings.slowMs;
  // A beat every fifth of the threshold bounds how late a block is noticed (docs/benchmarks.md).
  const heartbeatMs = Math.max(5, Math.min(50, Math.round(slowMs / 5)));
  const pollMs = Math.max(2, Math.min(10, Math.round(slowMs / 20)));
  Atomics.store(sharedView, Slot.Heartbeat, now());
  const data: WorkerData = {
    ...settings,
    buffer: sharedView.buffer as SharedArrayBuffer,
    epoch,
    heartbeatMs,
    pollMs,
    cwd: process.cwd(),
    table: {
      siteFile: [...state.siteFile], siteKind: [...state.siteKind], siteLine: [...state.siteLine],
      siteColumn: [...state.siteColumn], siteName: [...state.siteName], files: [...state.files], names: [...state.names],
    },
    names: namedTasks(),
  };
  try {
    const started = new Worker(workerFile(), { workerData: data, stdout: true, stderr: true, name: 'loopwatch-watchdog' });
    started.on('error', (error) => {
      onProblem(`the blocked-loop watchdog stopped: ${error instanceof Error ? error.message : String(error)}`);
      if (worker === started) stopWatchdog();
    });
    started.unref();
    worker = started;
    ready = new Promise<void>((resolve) => {
      started.once('message', () => resolve());
      started.once('exit', () => resolve());
      setTimeout(resolve, 2000).unref();
    });
  } catch (error) {
    onProblem(`cannot start the blocked-loop watchdog: ${(error as Error).message}`);
    return;
  }
  heartbeat = setInterval(beat, heartbeatMs);
  heartbeat.unref();
}

/** Keeps the worker's copy of the site table in step with the registry's (hooks.ts registerSites). */
export function sendSites(file: string, sites: readonly number[], names: readonly string[], source?: string, location?: string): void {
  // The registry's file entry, built the same way (hooks.ts), so both tables resolve it alike.
  const name = typeof file === 'string' ? file : '<unknown>';
  const entry = typeof source === 'string' && typeof location === 'string' ? `${name}\0${source}\0${location}` : name;
  post({ kind: 'sites', file: entry, sites: [...sites], names: [...names] });
}

function post(message: ToWorker): void {
  worker?.postMessage(message);
}

function namedTasks(): Array<[number, string]> {
  const named: Array<[number, string]> = [];
  for (const task of liveTasks()) {
    const name = state.taskNames.get(task);
    if (name !== undefined && task.id > 0) {
      named.push([task.id, name]);
      remember(task, name);
    }
  }
  return named;
}

/** The worker's names are forgotten when their task is collected (it is unreachable once finished). */
const collected = new FinalizationRegistry<number>((id) => {
  namesById.delete(id);
  post({ kind: 'forget', id });
});

function remember(task: Task, name: string): void {
  namesById.set(task.id, name);
  collected.unregister(task);
  collected.register(task, task.id, task);
}

/** nameTask() while the watchdog runs: one message per name given, none per task. */
export function sendTaskName(task: Task, name: string): void {
  if (task.id <= 0 || worker === null) return;
  post({ kind: 'name', id: task.id, name });
  remember(task, name);
}

/** Resolves once the watchdog worker runs (at once when there is none); it watches from its first beat on. */
export function watchdogReady(): Promise<void> {
  return new Promise<void>((resolve) => {
    // Ref'd on purpose: the worker is unref'd, so this timer keeps the process alive while waiting.
    const fallback = setTimeout(resolve, 2000);
    void ready.then(() => {
      clearTimeout(fallback);
      // One heartbeat or two, so that the worker is armed (it waits for a beat after its start).
      setTimeout(resolve, 50);
    });
  });
}

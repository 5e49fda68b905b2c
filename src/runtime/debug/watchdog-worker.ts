/**
 * Blocked-loop watchdog, worker side. It polls the main thread's heartbeat in shared memory; when
 * the heartbeat is late by more than slowMs it reports the running task and segment WHILE the main
 * loop is still blocked, writing to the configured output's descriptor itself (a worker's
 * process.stderr is relayed through the main thread's loop, which is exactly what is stuck). The
 * main thread reports the block's total duration once it runs again (watchdog.ts).
 *
 * What it knows of the main thread's tables it learns from messages (watchdog.ts): the site tables
 * as modules register them, and task names given by nameTask() (forgotten when the task is collected).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MainThreadStack } from './main-stack';
import { format, writeText } from './output';
import { base, blockedContext, type BlockedLoopReport, type SiteTable, type StackFrame } from './report';
import { LATCHED_COUNT, Slot, snapshot } from './shared';
import type { ToWorker, WorkerData } from './watchdog';

const data = workerData as WorkerData;
const view = new Int32Array(data.buffer);
const table: SiteTable & WorkerData['table'] = data.table;
const taskNames = new Map<number, string>(data.names);

function addSites(file: string, sites: number[], names: string[]): void {
  // Site ids are assigned in registration order, so appending in message order keeps them aligned.
  let fileIndex = table.files.indexOf(file);
  if (fileIndex < 0) fileIndex = table.files.push(file) - 1;
  const nameBase = table.names.length;
  table.names.push(...names.map(String));
  for (let i = 0; i + 3 < sites.length; i += 4) {
    const nameIndex = sites[i + 3]! | 0;
    table.siteFile.push(fileIndex);
    table.siteKind.push(sites[i]! | 0);
    table.siteLine.push(sites[i + 1]! | 0);
    table.siteColumn.push(sites[i + 2]! | 0);
    table.siteName.push(nameIndex < 0 || nameIndex >= names.length ? -1 : nameBase + nameIndex);
  }
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.kind === 'sites') addSites(message.file, message.sites, message.names);
  else if (message.kind === 'name') taskNames.set(message.id, message.name);
  else if (message.kind === 'forget') taskNames.delete(message.id);
});

function loadStack(): MainThreadStack | null {
  if (!data.stack) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MainThreadStack: Stack } = require('./main-stack') as typeof import('./main-stack');
    return new Stack();
  } catch {
    return null;
  }
}

const stack = loadStack();
/**
 * How long the live report waits for the main thread's stack before it goes out without one: a
 * capture takes some tens of ms (enabling the debugger lists every loaded script), more under load.
 */
const STACK_WAIT_MS = 1000;

// Armed once the main loop has beaten since this worker started: synchronous start-up work (loading
// modules before the loop first turns) is not a blocked loop.
const firstBeat = Atomics.load(view, Slot.Heartbeat);
let armed = false;

function liveReport(blockedMs: number, frames: StackFrame[] | null, callback: string | null = null): BlockedLoopReport {
  const context = blockedContext(table, view.slice(Slot.Latched, Slot.Latched + LATCHED_COUNT), (id) => taskNames.get(id) ?? null);
  return {
    type: 'blocked-loop',
    ...base(),
    phase: 'blocked',
    durationMs: blockedMs,
    slowMs: data.slowMs,
    ...context,
    stack: frames,
    // What the frames say only matters outside tasks: a task's report names the task.
    callback: context.task === null ? callback : null,
  };
}

function write(report: BlockedLoopReport): void {
  writeText(data.fd, format(report, data.format, data.color));
}

/** The live report, with the main thread's frames when the `stack` option asks for them. */
function reportBlock(blockStart: number): void {
  if (stack === null) return write(liveReport(Date.now() - data.epoch - blockStart, null));
  let sent = false;
  const send = (frames: StackFrame[] | null, callback: string | null = null): void => {
    if (sent) return;
    sent = true;
    clearTimeout(timeout);
    // A block that ended while its frames were awaited is reported by its end only (watchdog.ts).
    if (stillBlocked()) write(liveReport(Date.now() - data.epoch - blockStart, frames, callback));
  };
  // Still the same block: the latch is open until the main thread has reported its end.
  const stillBlocked = () => Atomics.load(view, Slot.Latch) === 1 && view[Slot.BlockStart] === blockStart;
  const timeout = setTimeout(() => send(null), STACK_WAIT_MS);
  stack.capture(stillBlocked, send);
}

function check(): void {
  if (!armed) {
    armed = Atomics.load(view, Slot.Heartbeat) !== firstBeat;
    return;
  }
  if (Atomics.load(view, Slot.Latch) !== 0) return;
  const now = Date.now() - data.epoch;
  const due = Atomics.load(view, Slot.Heartbeat) + data.heartbeatMs;
  if (now - due <= data.slowMs) return;
  const taken = snapshot(view);
  for (let i = 0; i < LATCHED_COUNT; i++) view[Slot.Latched + i] = taken[i]!;
  view[Slot.BlockStart] = due;
  Atomics.store(view, Slot.Latch, 1);
  if (data.write) reportBlock(due);
}

setInterval(check, data.pollMs);
parentPort?.postMessage('ready');

/**
 * Blocked-loop watchdog, worker side. It polls the main thread's heartbeat in shared memory; when
 * the heartbeat is late by more than slowMs it reports the running task and segment WHILE the main
 * loop is still blocked, writing to the output descriptor itself (a worker's process.stderr is
 * relayed through the main thread's loop, which is exactly what is stuck). The main thread reports
 * the block's total duration once it runs again (watchdog.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeSync } from 'node:fs';
import { formatJson } from './format-json';
import { formatPretty } from './format-pretty';
import { base, siteOf, taskOf, type BlockedLoopReport, type SiteTable } from './report';
import { LATCHED_COUNT, Slot, snapshot } from './shared';
import type { WorkerData } from './watchdog';

const data = workerData as WorkerData;
const view = new Int32Array(data.buffer);
const table: SiteTable & WorkerData['table'] = data.table;

// Site ids are assigned in registration order, so appending in message order keeps them aligned.
parentPort?.on('message', (message: { file: string; sites: number[]; names: string[] }) => {
  let fileIndex = table.files.indexOf(message.file);
  if (fileIndex < 0) fileIndex = table.files.push(message.file) - 1;
  const nameBase = table.names.length;
  table.names.push(...message.names.map(String));
  for (let i = 0; i + 3 < message.sites.length; i += 4) {
    const nameIndex = message.sites[i + 3]! | 0;
    table.siteFile.push(fileIndex);
    table.siteKind.push(message.sites[i]! | 0);
    table.siteLine.push(message.sites[i + 1]! | 0);
    table.siteColumn.push(message.sites[i + 2]! | 0);
    table.siteName.push(nameIndex < 0 || nameIndex >= message.names.length ? -1 : nameBase + nameIndex);
  }
});

function write(text: string): void {
  const buffer = Buffer.from(text);
  let offset = 0;
  for (let attempts = 0; offset < buffer.length && attempts < 1000; attempts++) {
    try {
      offset += writeSync(data.fd, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}

// Armed once the main loop has beaten since this worker started: synchronous start-up work (loading
// modules before the loop first turns) is not a blocked loop.
const firstBeat = Atomics.load(view, Slot.Heartbeat);
let armed = false;

function check(): void {
  if (!armed) {
    armed = Atomics.load(view, Slot.Heartbeat) !== firstBeat;
    return;
  }
  if (Atomics.load(view, Slot.Latch) !== 0) return;
  const now = Date.now() - data.epoch;
  const due = Atomics.load(view, Slot.Heartbeat) + data.heartbeatMs;
  const blockedMs = now - due;
  if (blockedMs <= data.slowMs) return;
  const taken = snapshot(view);
  for (let i = 0; i < LATCHED_COUNT; i++) view[Slot.Latched + i] = taken[i]!;
  view[Slot.BlockStart] = due;
  Atomics.store(view, Slot.Latch, 1);
  if (!data.write) return;
  const [id, fn, createdAt, resumedAt, lastId, lastFn, lastCreated, lastSite] =
    Array.from(view.subarray(Slot.Latched, Slot.Latched + LATCHED_COUNT)) as [number, number, number, number, number, number, number, number];
  const report: BlockedLoopReport = {
    type: 'blocked-loop',
    ...base(),
    phase: 'blocked',
    durationMs: blockedMs,
    slowMs: data.slowMs,
    task: fn === 0 ? null : taskOf(table, id, fn, createdAt),
    resumedAt: fn === 0 ? null : siteOf(table, resumedAt),
    lastTask: fn !== 0 || lastFn === 0 ? null : taskOf(table, lastId, lastFn, lastCreated),
    lastSite: fn !== 0 || lastFn === 0 ? null : siteOf(table, lastSite),
  };
  write(data.format === 'json' ? formatJson(report) : formatPretty(report, data.color));
}

setInterval(check, data.pollMs);
parentPort?.postMessage('ready');

/**
 * The `ps`-style table of live tasks (like aiomonitor's `ps`): one row per task, oldest first.
 *
 *     id  state   name          created at           parked at            age
 *      3  parked  handleUpload  src/server.ts:12:5   src/api.ts:44:18     1.2s
 */
import { displayName } from './display';
import { formatSite } from './sites';
import { tasks, type TaskInfo } from './tasks';

const HEADERS = ['id', 'state', 'name', 'created at', 'parked at', 'age'] as const;

/** `850ms`, `1.2s`, `42s`, `3m04s`, `2h03m`. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}

function row(info: TaskInfo): string[] {
  return [String(info.id), String(info.state), displayName(info.name), formatSite(info.createdAt), formatSite(info.parkedAt), formatAge(info.ageMs)];
}

/** The table as text (ending in a newline); `(no live tasks)` when there are none. Never throws. */
export function formatTasks(list: readonly TaskInfo[] = tasks()): string {
  try {
    return table(Array.isArray(list) ? list.filter((info) => typeof info === 'object' && info !== null) : []);
  } catch {
    return '(no live tasks)\n';
  }
}

function table(list: readonly TaskInfo[]): string {
  if (list.length === 0) return '(no live tasks)\n';
  const rows = [[...HEADERS], ...list.map(row)];
  const widths = HEADERS.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r
    .map((cell, col) => (col === 0 ? cell.padStart(widths[0]!) : col === r.length - 1 ? cell : cell.padEnd(widths[col]!)))
    .join('  ')
    .trimEnd()).join('\n') + '\n';
}

/** Writes the table of live tasks to `stream` (stdout by default). Never throws. */
export function printTasks(stream: { write(text: string): unknown } = process.stdout): void {
  try {
    // An ended or destroyed Node stream reports a write by an 'error' event, later: with no listener
    // that would take the process down.
    const writable = stream as { writable?: unknown; destroyed?: unknown };
    if (writable.writable === false || writable.destroyed === true) return;
    stream.write(formatTasks());
  } catch {
    // A closed or broken stream is the caller's business, not a reason to throw from a diagnostic.
  }
}

/**
 * Report objects: plain JSON-safe data, the same for every output (pretty, JSON lines, onReport).
 * The schema is documented in docs/runtime.md ("Reports"); add fields, never rename or remove them.
 * Site ids become text only here, through a site table: the registry's in the main thread, a copy
 * in the watchdog worker.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMA_VERSION = 1;

/** A position in the original `.ts` source (1-based line and column). */
export interface ReportSite {
  /** Relative to the working directory when the source's location is known, else as the transform recorded it. */
  file: string;
  /** Absolute path of the source; null when unknown (code built by an older transform, or run without a module location). */
  path: string | null;
  line: number;
  column: number;
}

export interface ReportTask {
  /** Registry id; null for a task that never parked (it never got one). */
  id: number | null;
  /** nameTask() name, else the async function's name. */
  name: string;
  /** Where the async function is declared. */
  functionSite: ReportSite | null;
  /** The instrumented call that started it; null when called from uninstrumented code. */
  createdAt: ReportSite | null;
}

export interface ParkedTask extends ReportTask {
  parkedAt: ReportSite | null;
  /** ms since the turn in which it first parked; null when unknown. */
  ageMs: number | null;
}

/** A parent task; `name` is null when it has finished (only its id is known then). */
export interface ParentTask {
  id: number;
  name: string | null;
  functionSite: ReportSite | null;
  createdAt: ReportSite | null;
}

export interface ReportError {
  name: string | null;
  message: string;
  stack: string | null;
}

interface Base {
  schema: number;
  /** ISO 8601. */
  time: string;
  pid: number;
}

export interface NeverAwaitedReport extends Base {
  type: 'never-awaited';
  /** What the call was: the async function's name, else the call site's callee text, else null. */
  callee: string | null;
  /** Where the promise was created (the instrumented call). */
  createdAt: ReportSite | null;
  /** The task whose promise it is (null when the callee is not an instrumented async function). */
  task: ReportTask | null;
  /** The task that made the call; null at top level or in uninstrumented code. */
  inTask: ReportTask | null;
  /** `collected`: garbage-collected without a reaction; `exit`: still without one at exit. */
  detectedAt: 'collected' | 'exit';
}

export interface UnhandledRejectionReport extends Base {
  type: 'unhandled-rejection';
  /** Correlates a later rejection-handled report. */
  rejectionId: number;
  /** The task whose promise rejected; null when it is not an instrumented task's promise. */
  task: ReportTask | null;
  /** The last await/yield the task was parked on before it threw. */
  awaitedAt: ReportSite | null;
  /** Creators of the task, innermost first. */
  parents: ParentTask[];
  /** Set when the promise came from an instrumented call and nothing ever reacted to it. */
  neverAwaited: boolean;
  error: ReportError;
}

export interface RejectionHandledReport extends Base {
  type: 'rejection-handled';
  rejectionId: number;
  task: ReportTask | null;
  /** ms between the unhandled-rejection report and the handler being attached. */
  afterMs: number;
}

export interface BlockedLoopReport extends Base {
  type: 'blocked-loop';
  /** `blocked`: written by the watchdog while the loop is still blocked; `ended`: once it is free. */
  phase: 'blocked' | 'ended';
  /** Blocked for at least this long (ms). */
  durationMs: number;
  slowMs: number;
  /** The task whose code was running; null outside tasks. */
  task: ReportTask | null;
  /** The await the running task resumed at (its code segment starts there); null: its first segment. */
  resumedAt: ReportSite | null;
  /** Outside tasks: the last task that ran and the site it parked or ended at, if known. */
  lastTask: ReportTask | null;
  lastSite: ReportSite | null;
  /** The main thread's top frames, innermost first (the `stack` option; live report only); else null. */
  stack: StackFrame[] | null;
  /**
   * Outside tasks, with the `stack` option: the kind of callback that was running, read from the bottom
   * of the main thread's stack (`timer`, `immediate`, `next-tick`, `io`, `microtask`, `module-loading`); else null.
   */
  callback: string | null;
}

/** A frame of the main thread's stack, in the original source when the script has a source map. */
export interface StackFrame {
  /** The function's name; `<anonymous>` when it has none. */
  function: string;
  /** Relative to the working directory for files, else the script's URL (`node:internal/…`). */
  file: string;
  /** Absolute path of the file; null for scripts that are not files. */
  path: string | null;
  line: number;
  column: number;
}

export interface PendingAtExitReport extends Base {
  type: 'pending-at-exit';
  /** `loop-empty`: nothing left to run (Node's silent exit); `exit`: process.exit() or a fatal error. */
  reason: 'loop-empty' | 'exit';
  exitCode: number;
  task: ParkedTask;
  parents: ParentTask[];
}

export interface StrictSummaryReport extends Base {
  type: 'strict-summary';
  counts: Record<string, number>;
  /** The exit code strict mode leaves the process with. */
  exitCode: number;
  task: null;
}

export type Report =
  | NeverAwaitedReport
  | UnhandledRejectionReport
  | RejectionHandledReport
  | BlockedLoopReport
  | PendingAtExitReport
  | StrictSummaryReport;

export type ReportType = Report['type'];

/** The registry's site arrays (hooks.ts RegistryState), or the watchdog worker's copy of them. */
export interface SiteTable {
  siteFile: readonly number[];
  siteKind: readonly number[];
  siteLine: readonly number[];
  siteColumn: readonly number[];
  siteName: readonly number[];
  files: readonly string[];
  names: readonly string[];
}

export function base(): Base {
  return { schema: SCHEMA_VERSION, time: new Date().toISOString(), pid: process.pid };
}

export function displayPath(file: string, cwd = process.cwd()): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel === '' ? file : rel;
}

/** A site table's file entry, once resolved: the name the transform recorded and the absolute path, if known. */
export interface SourceFile {
  readonly recorded: string;
  readonly path: string | null;
}

const TS_MODULE = /\.[cm]?tsx?$/;
const resolvedFiles = new Map<string, SourceFile>();

function locate(source: string, location: string): string | null {
  const module = location.startsWith('file:') ? fileURLToPath(location) : location;
  if (!isAbsolute(module)) return null;
  // A module that is itself TypeScript was compiled in memory (ts-node): it is the source.
  if (TS_MODULE.test(module)) return module;
  return resolve(dirname(module), source);
}

/**
 * Resolves a site table's file entry (hooks.ts registerSites): `name`, or `name\0source\0location`
 * from newer transforms, where `source` is the .ts relative to the emitted module at `location`
 * (its `__filename` or `import.meta.url`). Done once per file, when something is first reported.
 */
export function sourceFile(entry: string): SourceFile {
  let found = resolvedFiles.get(entry);
  if (found !== undefined) return found;
  const [recorded = entry, source, location] = entry.split('\0');
  let path: string | null = isAbsolute(recorded) ? recorded : null;
  if (source !== undefined && location !== undefined) {
    try {
      path = locate(source, location) ?? path;
    } catch {
      // A location that is not a file (a data: or http: URL): the recorded name is all there is.
    }
  }
  found = { recorded, path };
  resolvedFiles.set(entry, found);
  return found;
}

function known(table: SiteTable, id: number): boolean {
  return Number.isInteger(id) && id > 0 && id < table.siteKind.length;
}

export function siteOf(table: SiteTable, id: number): ReportSite | null {
  if (!known(table, id)) return null;
  const file = sourceFile(table.files[table.siteFile[id]!] ?? '<unknown>');
  return {
    file: file.path === null ? file.recorded : displayPath(file.path),
    path: file.path,
    line: table.siteLine[id]!,
    column: table.siteColumn[id]!,
  };
}

export function siteNameOf(table: SiteTable, id: number): string | null {
  if (!known(table, id)) return null;
  const index = table.siteName[id]!;
  return index >= 0 ? (table.names[index] ?? null) : null;
}

/** A task described by integers only (what the watchdog worker and suspects records keep). */
/**
 * Who was running when the loop blocked, from the watchdog's latched slots (shared.ts, `Slot.Latched`:
 * task id, function site, creation site, resumed-at site, then the same four of the last task that
 * ran): the running task and the await its segment began at, or, outside tasks, the last task that ran
 * and where it parked or ended. The main thread and the worker read the same slots the same way.
 */
export function blockedContext(
  table: SiteTable,
  latched: ArrayLike<number>,
  nameOf: (taskId: number) => string | null,
): Pick<BlockedLoopReport, 'task' | 'resumedAt' | 'lastTask' | 'lastSite'> {
  const [id = 0, fn = 0, createdAt = 0, resumedAt = 0, lastId = 0, lastFn = 0, lastCreated = 0, lastSite = 0] = Array.from(latched);
  if (fn !== 0) return { task: taskOf(table, id, fn, createdAt, nameOf(id)), resumedAt: siteOf(table, resumedAt), lastTask: null, lastSite: null };
  if (lastFn === 0) return { task: null, resumedAt: null, lastTask: null, lastSite: null };
  return { task: null, resumedAt: null, lastTask: taskOf(table, lastId, lastFn, lastCreated, nameOf(lastId)), lastSite: siteOf(table, lastSite) };
}

export function taskOf(
  table: SiteTable,
  id: number,
  functionSite: number,
  createdAt: number,
  name: string | null = null,
): ReportTask {
  return {
    id: id > 0 ? id : null,
    name: name ?? siteNameOf(table, functionSite) ?? '<anonymous>',
    functionSite: siteOf(table, functionSite),
    createdAt: siteOf(table, createdAt),
  };
}

export function errorOf(reason: unknown): ReportError {
  try {
    if (reason instanceof Error || (typeof reason === 'object' && reason !== null && 'stack' in reason)) {
      const e = reason as Error;
      return {
        name: typeof e.name === 'string' ? e.name : null,
        message: String(e.message),
        stack: typeof e.stack === 'string' ? e.stack : null,
      };
    }
    return { name: null, message: typeof reason === 'string' ? reason : describeValue(reason), stack: null };
  } catch {
    return { name: null, message: '<unprintable rejection reason>', stack: null };
  }
}

function describeValue(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch {
    return String(value);
  }
}

export function formatSiteText(site: ReportSite | null): string {
  return site === null ? '?' : `${site.file}:${site.line}:${site.column}`;
}

/**
 * The debug tier's public API (re-exported by `loopwatch/runtime`): enableDebug, isDebugEnabled,
 * onReport. Loading this module costs one environment read; the tier itself is loaded only when it
 * is switched on (LOOPWATCH_DEBUG=1, `node --import loopwatch/register`, or enableDebug()).
 */
import { protectFromGlobalsCleanup } from '../globals-cleanup';
import { debugFlagProblem, debugRequested, type DebugOptions } from './config';
import type { Report } from './report';

export type { DebugOptions, ReportFormat } from './config';
export type {
  Report, ReportType, ReportSite, ReportTask, ParkedTask, ParentTask, ReportError, NeverAwaitedReport,
  UnhandledRejectionReport, RejectionHandledReport, BlockedLoopReport, PendingAtExitReport, StrictSummaryReport,
} from './report';

export interface EnableResult {
  /** Whether the debug tier is on (it stays on once started). */
  enabled: boolean;
  /** Options that were invalid and ignored, and anything that could not start; also written as notices. */
  problems: string[];
}

type EnableModule = typeof import('./enable');
type OutputModule = typeof import('./output');

const GLOBAL_KEY = Symbol.for('loopwatch.debug.v1');
const BAD_FLAG_NOTICED = Symbol.for('loopwatch.debug.bad-flag-noticed');
type Global = typeof globalThis & { [GLOBAL_KEY]?: { enable: EnableModule; output: OutputModule } };

/** This copy's tier, when the global object cannot hold the shared one. */
let ownTier: { enable: EnableModule; output: OutputModule } | undefined;

/** One debug tier per process, even with two copies of the package: the first copy loaded wins. */
function tier(): { enable: EnableModule; output: OutputModule } {
  const g = globalThis as Global;
  const existing = g[GLOBAL_KEY];
  if (existing !== undefined) return existing;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const own = (ownTier ??= protectFromGlobalsCleanup({ enable: require('./enable') as EnableModule, output: require('./output') as OutputModule }));
  try {
    g[GLOBAL_KEY] = own;
  } catch {
    // A non-extensible global object: this copy's tier (see hooks.ts `shared`).
  }
  return own;
}

/**
 * Switches the debug tier on (or changes its options). Options given here override the LOOPWATCH_*
 * environment variables. Never throws: invalid options are ignored, listed in the result and written
 * as notices where reports go.
 */
export function enableDebug(options?: DebugOptions): EnableResult {
  try {
    return tier().enable.enable(options);
  } catch (error) {
    return { enabled: false, problems: [String(error)] };
  }
}

export function isDebugEnabled(): boolean {
  const g = globalThis as Global;
  return (g[GLOBAL_KEY] ?? ownTier)?.enable.isEnabled() ?? false;
}

/**
 * Calls `listener` with every report (see docs/runtime.md, "Reports"); returns the function that
 * removes it. Listening does not switch the debug tier on, and does not silence the output: pass
 * `onReport` to enableDebug() for that.
 */
export function onReport(listener: (report: Report) => void): () => void {
  try {
    return tier().output.addReportListener(listener);
  } catch {
    return () => undefined;
  }
}

/**
 * Resolves when the blocked-loop watchdog is watching (its worker thread takes a few tens of ms to
 * start); at once when the debug tier or its watchdog is off. Never rejects.
 */
export function watchdogReady(): Promise<void> {
  try {
    if (!isDebugEnabled()) return Promise.resolve();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('./watchdog') as typeof import('./watchdog')).watchdogReady();
  } catch {
    return Promise.resolve();
  }
}

// LOOPWATCH_DEBUG=1: checked once, when the runtime loads. Another copy of the package loaded later
// finds the tier on and leaves it as it is (its options may have been set in code meanwhile).
if (debugRequested(process.env) && !isDebugEnabled()) enableDebug();
else noticeBadDebugFlag();

/** Once per process, whichever copy loads first: the tier is off, so the notice goes to stderr. */
function noticeBadDebugFlag(): void {
  try {
    const problem = debugFlagProblem(process.env);
    const g = globalThis as { [BAD_FLAG_NOTICED]?: boolean };
    if (problem === null || g[BAD_FLAG_NOTICED] === true) return;
    try {
      g[BAD_FLAG_NOTICED] = true;
    } catch {
      // A non-extensible global object: each copy gives the notice.
    }
    process.stderr.write(`loopwatch: ${problem}\n`);
  } catch {
    // A notice is best effort.
  }
}

/**
 * Strict mode (LOOPWATCH_STRICT=1, the analog of `python -W error::RuntimeWarning`): any report
 * makes the process exit non-zero at the end, after a summary.
 */
import type { Report, StrictSummaryReport } from './report';
import { base } from './report';

/** What counts: every finding, not the notes that follow one (a handled rejection, a block's end). */
const counted = new Set<Report['type']>(['never-awaited', 'unhandled-rejection', 'blocked-loop', 'pending-at-exit']);
const counts = new Map<string, number>();

export function countReport(report: Report): void {
  if (!counted.has(report.type)) return;
  // A blocked loop is reported twice (while blocked, from the worker; then once it ends): count the end.
  if (report.type === 'blocked-loop' && report.phase !== 'ended') return;
  counts.set(report.type, (counts.get(report.type) ?? 0) + 1);
}

export function findingCount(): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

/** The summary to print at exit in strict mode, or null when nothing was found. */
export function strictSummary(exitCode: number): StrictSummaryReport | null {
  if (findingCount() === 0) return null;
  return { type: 'strict-summary', ...base(), counts: Object.fromEntries(counts), exitCode, task: null };
}

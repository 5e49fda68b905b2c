/** JSON lines: one report per line, the report object as is (schema in docs/runtime.md). */
import type { Report } from './report';

export function formatJson(report: Report): string {
  try {
    return JSON.stringify(report) + '\n';
  } catch {
    return JSON.stringify({ type: report.type, time: report.time, pid: report.pid, error: 'unserialisable report' }) + '\n';
  }
}

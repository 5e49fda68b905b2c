/**
 * Human-readable reports: one headline per report naming the task and `file:line:col` of the
 * original .ts source (so terminals and editors link to it), then indented detail lines.
 */
import { displayName } from '../display';
import {
  formatSiteText as at, type ParentTask, type Report, type ReportSite, type ReportTask,
} from './report';

/** How the live report names the kind of callback that blocked the loop outside tasks (main-stack.ts). */
const CALLBACK_LABELS: Record<string, string> = {
  'timer': 'a timer callback (setTimeout/setInterval)',
  'immediate': 'a setImmediate callback',
  'next-tick': 'a process.nextTick callback or the promise jobs it ran',
  'io': 'an I/O callback (socket, stream, fs or event emitter)',
  'microtask': 'a promise job (microtask)',
  'module-loading': 'module loading',
};

const PREFIX = 'loopwatch';

interface Style {
  warn(text: string): string;
  error(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = { warn: (t) => t, error: (t) => t, dim: (t) => t, bold: (t) => t };
const ansi: Style = {
  warn: (t) => `\x1b[33m${t}\x1b[39m`,
  error: (t) => `\x1b[31m${t}\x1b[39m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
};

function name(task: ReportTask | null, s: Style): string {
  return task === null ? 'no task' : `task ${s.bold('`' + displayName(task.name) + '`')}`;
}

function where(site: ReportSite | null): string {
  return site === null ? '' : ` (${at(site)})`;
}

function created(task: ReportTask | null): string {
  return task?.createdAt ? `, created at ${at(task.createdAt)}` : '';
}

function parentLines(parents: readonly ParentTask[], s: Style): string[] {
  return parents.map((p) =>
    p.name === null
      ? s.dim(`    created by task #${p.id} (finished)`)
      : s.dim(`    created by task \`${displayName(p.name)}\`${p.createdAt ? ` at ${at(p.createdAt)}` : where(p.functionSite)}`),
  );
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `    ${line}`);
}

function lines(report: Report, s: Style): string[] {
  switch (report.type) {
    case 'never-awaited': {
      const named = report.task !== null && report.task.name !== report.callee ? ` (task \`${displayName(report.task.name)}\`)` : '';
      const callee = (report.callee === null ? 'a call' : `\`${report.callee}()\``) + named;
      const inTask = report.inTask === null ? '' : ` in ${name(report.inTask, s)}`;
      return [
        `${s.warn(`${PREFIX}: promise from ${callee} was never awaited`)} — created at ${at(report.createdAt)}${inTask}`,
        s.dim(`    nothing awaited it or attached a handler (${report.detectedAt === 'exit' ? 'still unawaited at exit' : 'it was garbage-collected'}); await it, return it, or handle it with .catch()`),
      ];
    }
    case 'unhandled-rejection': {
      const head = report.task === null
        ? `${s.error(`${PREFIX}: unhandled rejection`)} of a promise not created by an instrumented task`
        : `${s.error(`${PREFIX}: unhandled rejection`)} in ${name(report.task, s)}${where(report.task.functionSite)}${created(report.task)}`;
      const out = [head];
      if (report.awaitedAt !== null) out.push(`    last parked at ${at(report.awaitedAt)}`);
      if (report.neverAwaited) out.push('    its promise was never awaited: nothing could catch the error');
      out.push(...parentLines(report.parents, s));
      out.push(...indent(report.error.stack ?? `${report.error.name ?? 'rejected with'}: ${report.error.message}`));
      return out;
    }
    case 'rejection-handled':
      return [`${PREFIX}: rejection #${report.rejectionId}${report.task ? ` from ${name(report.task, s)}` : ''} was handled ${report.afterMs} ms after it was reported`];
    case 'blocked-loop': {
      const still = report.phase === 'blocked';
      const verb = still ? `event loop blocked for ${report.durationMs} ms and counting` : `event loop was blocked ${report.durationMs} ms`;
      let context: string;
      if (report.task !== null) {
        context = ` in ${name(report.task, s)}${where(report.task.functionSite)}`
          + (report.resumedAt === null ? ', in its first segment' : ` after the await at ${at(report.resumedAt)}`);
      } else if (report.lastTask !== null) {
        const ended = report.lastSite !== null && report.lastTask.functionSite !== null
          && at(report.lastSite) === at(report.lastTask.functionSite);
        context = ` outside any task; the last task to run was ${name(report.lastTask, s)}, which `
          + (ended ? 'had just finished' : `parked at ${at(report.lastSite)}`);
      } else {
        context = ' outside any instrumented task';
      }
      if (report.task === null && report.callback !== null && report.callback !== undefined) {
        context += `, in ${CALLBACK_LABELS[report.callback] ?? `a ${report.callback} callback`}`;
      }
      const frames = (report.stack ?? []).map((f) => s.dim(`    at ${f.function} (${f.file}:${f.line}:${f.column})`));
      return [`${s.warn(`${PREFIX}: ${verb}`)}${context} (threshold ${report.slowMs} ms)`, ...frames];
    }
    case 'pending-at-exit': {
      const why = report.reason === 'loop-empty' ? 'the event loop emptied' : `the process exited (code ${report.exitCode})`;
      const t = report.task;
      return [
        `${s.warn(`${PREFIX}: ${name(t, s)} was still pending when ${why}`)} — parked at ${at(t.parkedAt)}`
          + (t.ageMs === null ? '' : ` for ${t.ageMs} ms`) + created(t),
        ...parentLines(report.parents, s),
      ];
    }
    case 'strict-summary': {
      const parts = Object.entries(report.counts).map(([type, n]) => `${n} ${type}`);
      return [s.error(`${PREFIX} strict mode: ${parts.join(', ')} — exiting with code ${report.exitCode}`)];
    }
    default:
      return [`${PREFIX}: ${JSON.stringify(report)}`];
  }
}

export function formatPretty(report: Report, color = false): string {
  try {
    return lines(report, color ? ansi : plain).join('\n') + '\n';
  } catch {
    return `${PREFIX}: ${report.type}\n`;
  }
}

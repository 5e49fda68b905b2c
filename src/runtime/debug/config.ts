/**
 * Debug-tier options: what `enableDebug()` accepts and what the LOOPWATCH_* environment variables say.
 * A bad value is a problem to report, never an exception: the option falls back to its default.
 */
import type { Report } from './report';

export type ReportFormat = 'pretty' | 'json';

export interface DebugOptions {
  /** Report a blocked event loop after this many milliseconds (default 100; LOOPWATCH_SLOW_MS). */
  slowMs?: number;
  /** Exit non-zero at the end when anything was reported (default false; LOOPWATCH_STRICT=1). */
  strict?: boolean;
  /** `pretty` (default; colour on a TTY) or `json` (one JSON object per line) (LOOPWATCH_FORMAT). */
  format?: ReportFormat;
  /** Append reports to this file instead of stderr (LOOPWATCH_OUTPUT). */
  output?: string;
  /** Receives every report; when given (and `output` is not), reports are not written to stderr. `null` removes it. */
  onReport?: ((report: Report) => void) | null;
  /** Run the blocked-loop watchdog (default true; LOOPWATCH_WATCHDOG=0 turns it off). */
  watchdog?: boolean;
  /** Add the main thread's stack to the live blocked-loop report, through the inspector (default false; LOOPWATCH_STACK=1). */
  stack?: boolean;
}

export interface ResolvedOptions {
  slowMs: number;
  strict: boolean;
  format: ReportFormat;
  output: string | null;
  onReport: ((report: Report) => void) | null;
  watchdog: boolean;
  stack: boolean;
}

export const DEFAULT_OPTIONS: Readonly<ResolvedOptions> = Object.freeze({
  slowMs: 100,
  strict: false,
  format: 'pretty',
  output: null,
  onReport: null,
  watchdog: true,
  stack: false,
});

const MAX_SLOW_MS = 2 ** 30;

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}

/** Options given in code, checked one by one on top of `base`; each bad one keeps base's value. */
export function resolveOptions(
  given: unknown,
  base: Readonly<ResolvedOptions>,
  source = 'enableDebug()',
): { options: ResolvedOptions; problems: string[] } {
  const options: ResolvedOptions = { ...base };
  const problems: string[] = [];
  if (given === undefined || given === null) return { options, problems };
  if (typeof given !== 'object') {
    problems.push(`${source}: options must be an object, got ${describe(given)}`);
    return { options, problems };
  }
  const o = given as Record<string, unknown>;
  const bad = (name: string, expected: string) =>
    problems.push(`${source}: ${name} must be ${expected}, got ${describe(o[name])}; using ${describe(options[name as keyof ResolvedOptions] ?? 'none')}`);
  for (const key of Object.keys(o)) {
    if (!(key in DEFAULT_OPTIONS)) problems.push(`${source}: unknown option ${JSON.stringify(key)} (known: ${Object.keys(DEFAULT_OPTIONS).join(', ')})`);
  }
  if (o['slowMs'] !== undefined) {
    const v = o['slowMs'];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= MAX_SLOW_MS) options.slowMs = Math.round(v);
    else bad('slowMs', 'a number of milliseconds >= 1');
  }
  if (o['strict'] !== undefined) {
    if (typeof o['strict'] === 'boolean') options.strict = o['strict'];
    else bad('strict', 'true or false');
  }
  if (o['format'] !== undefined) {
    if (o['format'] === 'pretty' || o['format'] === 'json') options.format = o['format'];
    else bad('format', '"pretty" or "json"');
  }
  if (o['output'] !== undefined) {
    if (typeof o['output'] === 'string' && o['output'].length > 0) options.output = o['output'];
    else bad('output', 'a file path');
  }
  if (o['onReport'] !== undefined) {
    if (typeof o['onReport'] === 'function') options.onReport = o['onReport'] as (report: Report) => void;
    else if (o['onReport'] === null) options.onReport = null;
    else bad('onReport', 'a function or null');
  }
  for (const key of ['watchdog', 'stack'] as const) {
    if (o[key] === undefined) continue;
    if (typeof o[key] === 'boolean') options[key] = o[key];
    else bad(key, 'true or false');
  }
  return { options, problems };
}

function flag(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes' || v === 'on') return true;
  if (v === '0' || v === 'false' || v === 'no' || v === 'off' || v === '') return false;
  return null;
}

/** Whether LOOPWATCH_DEBUG asks for the debug tier. */
export function debugRequested(env: NodeJS.ProcessEnv): boolean {
  const v = env['LOOPWATCH_DEBUG'];
  return v !== undefined && flag(v) === true;
}

/** What is wrong with LOOPWATCH_DEBUG, if it is neither on nor off (`2`, `maybe`). */
export function debugFlagProblem(env: NodeJS.ProcessEnv): string | null {
  const v = env['LOOPWATCH_DEBUG'];
  return v !== undefined && flag(v) === null ? `LOOPWATCH_DEBUG=${JSON.stringify(v)} is not 1/0/true/false; ignored (the debug tier is not switched on by it)` : null;
}

/** The options the environment sets, as `enableDebug()` options, and what was wrong with them. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): { options: DebugOptions; problems: string[] } {
  const options: DebugOptions = {};
  const problems: string[] = [];
  const slow = env['LOOPWATCH_SLOW_MS'];
  if (slow !== undefined && slow !== '') {
    const n = Number(slow);
    if (Number.isFinite(n) && n >= 1 && n <= MAX_SLOW_MS) options.slowMs = n;
    else problems.push(`LOOPWATCH_SLOW_MS=${JSON.stringify(slow)} is not a number of milliseconds >= 1; using ${DEFAULT_OPTIONS.slowMs}`);
  }
  for (const [name, key] of [['LOOPWATCH_STRICT', 'strict'], ['LOOPWATCH_WATCHDOG', 'watchdog'], ['LOOPWATCH_STACK', 'stack']] as const) {
    const v = env[name];
    if (v === undefined) continue;
    const f = flag(v);
    if (f === null) problems.push(`${name}=${JSON.stringify(v)} is not 1/0/true/false; ignored`);
    else options[key] = f;
  }
  const format = env['LOOPWATCH_FORMAT'];
  if (format !== undefined && format !== '') {
    const f = format.trim().toLowerCase();
    if (f === 'pretty' || f === 'json') options.format = f;
    else problems.push(`LOOPWATCH_FORMAT=${JSON.stringify(format)} is not "pretty" or "json"; using pretty`);
  }
  const output = env['LOOPWATCH_OUTPUT'];
  if (output !== undefined && output !== '') options.output = output;
  return { options, problems };
}

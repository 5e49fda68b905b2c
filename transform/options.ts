/**
 * The options a user writes in the tsconfig `plugins` entry, checked once when the transformer is
 * created: a typo or a wrong type is a clear error at build start, never a silently ignored setting.
 */
import * as path from 'node:path';

export interface TransformOptions {
  /** Globs (relative to the project directory) of files to instrument; default: every file. */
  include?: readonly string[];
  /** Globs of files never to instrument; wins over `include`. */
  exclude?: readonly string[];
  /** Emit park/resume around `await`, `yield` and `for await` (default true). */
  trackAwaits?: boolean;
  /** Wrap calls that may start a task in `created(...)` (default true). */
  trackCalls?: boolean;
}

export interface ResolvedOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly trackAwaits: boolean;
  readonly trackCalls: boolean;
}

/** Keys ts-patch itself reads from a plugin entry; they may reach us and are not ours to reject. */
const TS_PATCH_KEYS = new Set([
  'transform', 'after', 'afterDeclarations', 'afterDeclaration', 'type', 'name', 'import', 'isEsm',
  'tsConfig', 'resolvePathAliases', 'transformProgram',
]);
const OWN_KEYS = ['include', 'exclude', 'trackAwaits', 'trackCalls'] as const;

export class LoopwatchOptionsError extends Error {
  override name = 'LoopwatchOptionsError';
}

function fail(message: string): never {
  throw new LoopwatchOptionsError(`loopwatch/transform: ${message}`);
}

function globList(value: unknown, key: string): readonly string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((glob) => typeof glob !== 'string' || glob === '')) {
    fail(`option "${key}" must be a glob string or an array of non-empty glob strings, got ${JSON.stringify(value)}`);
  }
  return list as string[];
}

function flag(value: unknown, key: string): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') fail(`option "${key}" must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function resolveOptions(raw: unknown): ResolvedOptions {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    fail(`options must be an object, got ${JSON.stringify(raw)}`);
  }
  const options = raw as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!TS_PATCH_KEYS.has(key) && !(OWN_KEYS as readonly string[]).includes(key)) {
      fail(`unknown option "${key}" (known options: ${OWN_KEYS.join(', ')})`);
    }
  }
  return {
    include: globList(options['include'], 'include'),
    exclude: globList(options['exclude'], 'exclude'),
    trackAwaits: flag(options['trackAwaits'], 'trackAwaits'),
    trackCalls: flag(options['trackCalls'], 'trackCalls'),
  };
}

/**
 * `path.matchesGlob` (Node 20.17+/22.5+) is still flagged experimental on Node 20 and early 22 and
 * prints an ExperimentalWarning on first use; a build tool should not, so only that one warning is
 * silenced, only around the first call.
 */
let globWarningSeen = false;
function matchesGlob(file: string, glob: string): boolean {
  if (globWarningSeen) return path.matchesGlob(file, glob);
  globWarningSeen = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function quietGlobWarning(this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/\bglob\b/i.test(text) && /experimental/i.test(text)) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return path.matchesGlob(file, glob);
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** `file` is relative to the project directory, with forward slashes. */
export function isIncluded(options: ResolvedOptions, file: string): boolean {
  if (options.include.length > 0 && !options.include.some((glob) => matchesGlob(file, glob))) return false;
  return !options.exclude.some((glob) => matchesGlob(file, glob));
}

/**
 * Reading the site tables that instrumented modules register (hooks.ts `registerSites`). Sites are
 * integers everywhere else; text is made only here, when something is reported.
 */
import { isAbsolute } from 'node:path';
import { displayPath, sourceFile } from './debug/report';
import { SiteKind, state } from './hooks';

/**
 * A position in the original `.ts` source, 1-based line and column. `file` is relative to the
 * working directory when the module's location is known (code built by this transform), else as
 * recorded (by an older transform: relative to the project root).
 */
export interface SiteInfo {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

function known(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id < state.siteKind.length;
}

export function siteInfo(id: number): SiteInfo | null {
  if (!known(id)) return null;
  const file = sourceFile(state.files[state.siteFile[id]!] ?? '<unknown>');
  const shown = file.path === null || isAbsolute(file.recorded) ? file.recorded : displayPath(file.path);
  return { file: shown, line: state.siteLine[id]!, column: state.siteColumn[id]! };
}

/** The kind of a site (SiteKind), or -1 when the id is unknown. */
export function siteKind(id: number): SiteKind | -1 {
  return known(id) ? state.siteKind[id]! : -1;
}

const KIND_WORDS: Record<number, string> = {
  [SiteKind.Function]: 'function',
  [SiteKind.Await]: 'await',
  [SiteKind.AwaitCall]: 'await',
  [SiteKind.Yield]: 'yield',
  [SiteKind.Call]: 'call',
  [SiteKind.ForAwait]: 'for await',
  [SiteKind.ForAwaitCall]: 'for await',
  [SiteKind.AwaitUsing]: 'await using',
};

export function siteKindWord(id: number): string {
  return KIND_WORDS[siteKind(id)] ?? 'unknown';
}

/** The name the transform gave a function site (`Class.method`, `<anonymous>`, …), or null. */
export function siteName(id: number): string | null {
  if (!known(id)) return null;
  const index = state.siteName[id]!;
  return index >= 0 ? (state.names[index] ?? null) : null;
}

/**
 * The path to print: absolute paths are made relative to the process's working directory; relative
 * ones (recorded by the transform, relative to the project root) are printed as recorded.
 */
export { displayPath };

/** `file:line:column`, as editors and terminals link it; `-` for no site (or anything that is not a SiteInfo). Never throws. */
export function formatSite(site: SiteInfo | null): string {
  try {
    if (typeof site !== 'object' || site === null || typeof site.file !== 'string') return '-';
    return `${displayPath(site.file)}:${site.line}:${site.column}`;
  } catch {
    return '-';
  }
}

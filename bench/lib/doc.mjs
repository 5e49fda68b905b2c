// Writing generated figures into docs/benchmarks.md between marker comments, leaving everything else
// (hand-written text, other people's sections) untouched.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BENCHMARKS_DOC = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. When the markers are missing
 * the whole `fallbackSection` (which must contain them) is appended, so a first run creates the section;
 * without a `fallbackSection` that is an error naming the file and the markers.
 */
export function writeBetweenMarkers(name, generated, fallbackSection, path = BENCHMARKS_DOC) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  let doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) {
    if (fallbackSection === undefined) throw new Error(`${path} lacks the ${start} … ${end} markers`);
    if (!fallbackSection.includes(start) || !fallbackSection.includes(end)) throw new Error(`fallback section for ${name} lacks its markers`);
    doc = `${doc.trimEnd()}\n\n${fallbackSection.trim()}\n`;
    return writeBetweenMarkers(name, generated, fallbackSection, writeAndReturn(path, doc));
  }
  const updated = `${doc.slice(0, from + start.length)}\n${generated.trim()}\n${doc.slice(to)}`;
  writeFileSync(path, updated);
  return path;
}

function writeAndReturn(path, text) {
  writeFileSync(path, text);
  return path;
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

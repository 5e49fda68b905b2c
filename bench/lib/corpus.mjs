// The labeled lint corpus (bench/corpus/): listing its cases and reading their `// expect:` headers.
// Format: see bench/corpus/README.md. Shared by bench/quality.mjs and test/bench/corpus.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KINDS = /** @type {const} */ (['floating', 'async-void', 'blocking']);
export const CORPUS_DIR = fileURLToPath(new URL('../corpus/', import.meta.url));

const HEADER_LINE = /^\/\/ expect: (.*)$/;
const KIND_ENTRY = /^(floating|async-void|blocking) (\d+(?:, \d+)*)$/;

/**
 * Parses the header of one case. Returns `{ expect, headerLines, errors }` where `expect` maps each
 * kind to its sorted expected lines; every problem is collected in `errors` instead of thrown.
 */
export function parseHeader(text) {
  const lines = text.split('\n');
  const expect = new Map();
  const errors = [];
  let headerLines = 0;
  let sawNone = false;
  while (headerLines < lines.length) {
    const match = HEADER_LINE.exec(lines[headerLines]);
    if (!match) break;
    headerLines++;
    const body = match[1].trim();
    if (body === 'none') {
      sawNone = true;
      continue;
    }
    const entry = KIND_ENTRY.exec(body);
    if (!entry) {
      errors.push(`line ${headerLines}: expected "// expect: <floating|async-void|blocking> <line>, <line>…" or "// expect: none", got "${lines[headerLines - 1]}"`);
      continue;
    }
    const [, kind, list] = entry;
    if (expect.has(kind)) errors.push(`line ${headerLines}: kind ${kind} listed twice`);
    const numbers = list.split(', ').map(Number);
    numbers.forEach((n, i) => {
      if (i > 0 && n <= numbers[i - 1]) errors.push(`${kind}: lines must be ascending and unique (${list})`);
    });
    expect.set(kind, numbers);
  }
  if (headerLines === 0) errors.push('missing header: the file must begin with "// expect: …" lines');
  if (sawNone && expect.size > 0) errors.push('"none" cannot be combined with expected findings');
  const codeLines = text.endsWith('\n') ? lines.length - 1 : lines.length;
  for (const [kind, numbers] of expect) {
    for (const n of numbers) {
      if (n <= headerLines || n > codeLines) errors.push(`${kind} ${n}: not a code line (header ends at ${headerLines}, file has ${codeLines})`);
      else if (!/\S/.test(lines[n - 1]) || /^\s*\/\//.test(lines[n - 1])) errors.push(`${kind} ${n}: line is blank or a comment`);
    }
  }
  return { expect, headerLines, errors };
}

/** Every case: `{ path, rel, folder, expect, errors }`, sorted by relative path. `folder` is the kind it belongs to. */
export function listCases(dir = CORPUS_DIR) {
  const cases = [];
  for (const folder of KINDS) {
    for (const name of readdirSync(join(dir, folder)).sort()) {
      if (!name.endsWith('.ts')) continue;
      const path = join(dir, folder, name);
      const { expect, errors } = parseHeader(readFileSync(path, 'utf8'));
      cases.push({ path, rel: relative(dir, path), folder, expect, errors });
    }
  }
  return cases;
}

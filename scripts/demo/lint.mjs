// Demo step: the real eslint CLI with the loopwatch preset on examples/, compared with
// examples/expected-findings.json. Findings are expected; only a crash (eslint exit code 2, unreadable
// output, a parse error) makes this step throw.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { styleText } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examplesDir = join(root, 'examples');
const repoEslintBin = join(dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin', 'eslint.js');

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (style, text) => (colour ? styleText(style, text) : text);

const key = (f) => `${f.file}:${f.line}:${f.ruleId}`;

/**
 * Runs the eslint CLI (JSON output) in `cwd` — the repository's own eslint unless `eslintBin` names
 * another — and returns its exit code and the findings, with paths relative to `cwd`.
 */
export function lintWithCli(cwd, args = ['.'], eslintBin = repoEslintBin) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [eslintBin, '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`eslint exited with ${result.status} in ${cwd}:\n${result.stderr}${result.stdout}`);
  }
  const findings = JSON.parse(result.stdout).flatMap((fileResult) =>
    fileResult.messages.map((m) => ({
      file: relative(cwd, fileResult.filePath).split('\\').join('/'),
      line: m.line,
      column: m.column,
      ruleId: m.ruleId,
      message: m.message,
      fatal: Boolean(m.fatal),
    })),
  );
  return { status: result.status, findings, seconds };
}

/** Splits findings into those expected and those not, and lists the expected ones not found. */
export function compareFindings(findings, expected) {
  const expectedKeys = new Set(expected.map(key));
  const foundKeys = new Set(findings.map(key));
  return {
    matched: findings.filter((f) => expectedKeys.has(key(f))),
    unexpected: findings.filter((f) => !expectedKeys.has(key(f))),
    missing: expected.filter((e) => !foundKeys.has(key(e))),
  };
}

export async function run() {
  console.log(paint('bold', '\n=== Lint: eslint --max-warnings 0 with loopwatch recommended-type-checked, on examples/ ===\n'));
  const expected = JSON.parse(readFileSync(join(examplesDir, 'expected-findings.json'), 'utf8'));
  const { status, findings, seconds } = lintWithCli(examplesDir, ['--max-warnings', '0', '.']);
  const crashes = findings.filter((f) => f.fatal || f.ruleId === null);
  if (crashes.length > 0) {
    throw new Error(`eslint could not lint examples/:\n${crashes.map((f) => `  ${f.file}:${f.line} ${f.message}`).join('\n')}`);
  }

  const { matched, unexpected, missing } = compareFindings(findings, expected);
  const expectedKeys = new Set(expected.map(key));
  let lastFile = '';
  for (const f of findings) {
    if (f.file !== lastFile) console.log(paint('underline', `examples/${f.file}`));
    lastFile = f.file;
    const mark = expectedKeys.has(key(f)) ? paint('green', 'expected  ') : paint('yellow', 'UNEXPECTED');
    console.log(`  ${`${f.line}:${f.column}`.padEnd(7)} ${mark} ${paint('cyan', f.ruleId.padEnd(36))} ${f.message}`);
  }
  if (findings.length === 0) console.log('  (no findings)');

  console.log(
    `\neslint exit code ${status} in ${seconds.toFixed(1)} s` +
      (status === 1 ? ' (findings fail a CI run; here they are the point)' : ''),
  );
  console.log(
    paint('bold', `Found ${matched.length} of ${expected.length} expected findings, ${unexpected.length} unexpected.`),
  );
  for (const m of missing) {
    console.log(`  ${paint('red', 'missing')}  examples/${m.file}:${m.line} ${m.ruleId}  ${paint('dim', m.code ?? '')}`);
  }
}

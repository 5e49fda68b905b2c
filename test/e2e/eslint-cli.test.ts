/**
 * The real eslint CLI with the built plugin (dist/, through the package self-reference `loopwatch`):
 * examples/ must report exactly examples/expected-findings.json, examples/clean/ nothing, and the plugin
 * must load from CommonJS and ES module configs, with and without type information.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import loopwatch from 'loopwatch';
// The demo's own helpers: spawn node_modules/eslint/bin/eslint.js with --format json, compare with a spec.
import { compareFindings, lintWithCli } from '../../scripts/demo/lint.mjs';

interface Finding {
  file: string;
  line: number;
  ruleId: string | null;
  message: string;
  fatal: boolean;
}

interface ExpectedFinding {
  file: string;
  line: number;
  ruleId: string;
  code: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const examplesDir = join(root, 'examples');
const configFormatsDir = fileURLToPath(new URL('./fixtures/config-formats', import.meta.url));
const expected: ExpectedFinding[] = JSON.parse(readFileSync(join(examplesDir, 'expected-findings.json'), 'utf8'));

/** The one finding per rule that test/e2e/fixtures/config-formats/sample.ts holds. */
const sampleFindings: Omit<ExpectedFinding, 'code'>[] = JSON.parse(
  readFileSync(join(configFormatsDir, 'expected-findings.json'), 'utf8'),
);

function lint(cwd: string, args: string[]): { status: number; findings: Finding[] } {
  return lintWithCli(cwd, args) as { status: number; findings: Finding[] };
}

const byPosition = (a: { file: string; line: number; ruleId: string | null }, b: typeof a) =>
  a.file.localeCompare(b.file) || a.line - b.line || String(a.ruleId).localeCompare(String(b.ruleId));

/** file, line and ruleId only, sorted, so a mismatch shows as a readable diff. */
function positions(findings: ReadonlyArray<{ file: string; line: number; ruleId: string | null }>) {
  return findings.map(({ file, line, ruleId }) => ({ file, line, ruleId })).sort(byPosition);
}

function assertNoCrash(findings: Finding[]): void {
  const crashes = findings.filter((f) => f.fatal || f.ruleId === null);
  assert.deepEqual(crashes, [], 'no parse errors, config errors or rule crashes');
}

describe('eslint CLI on examples/ (recommended-type-checked)', () => {
  it('expected-findings.json points at the code it describes', () => {
    assert.ok(expected.length >= 10, 'one entry per bug');
    for (const entry of expected) {
      const lines = readFileSync(join(examplesDir, entry.file), 'utf8').split('\n');
      assert.equal(lines[entry.line - 1]?.trim(), entry.code, `${entry.file}:${entry.line}`);
      assert.match(lines[entry.line - 2] ?? '', new RegExp(`// BUG\\(${entry.ruleId.replace('loopwatch/', '')}\\)`));
    }
  });

  it('reports exactly the expected findings and fails --max-warnings 0 (exit 1)', () => {
    const { status, findings } = lint(examplesDir, ['--max-warnings', '0', '.']);
    assertNoCrash(findings);
    assert.deepEqual(positions(findings), positions(expected));
    assert.equal(status, 1);
  });

  it('reports nothing on examples/clean/ (exit 0)', () => {
    const { status, findings } = lint(examplesDir, ['--max-warnings', '0', 'clean']);
    assert.deepEqual(findings, []);
    assert.equal(status, 0);
  });

  it("the demo's lint step exits 0 with findings and reports every expected one", async () => {
    const { spawnSync } = await import('node:child_process');
    const step = spawnSync(process.execPath, ['-e', "import('./scripts/demo/lint.mjs').then((step) => step.run())"], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(step.status, 0, step.stderr);
    assert.match(step.stdout, new RegExp(`Found ${expected.length} of ${expected.length} expected findings, 0 unexpected\\.`));
  });
});

describe('eslint CLI loads the plugin from every config format', () => {
  it('eslint.config.js (CommonJS), found by eslint itself', () => {
    const { status, findings } = lint(configFormatsDir, ['sample.ts']);
    assertNoCrash(findings);
    assert.deepEqual(positions(findings), positions(sampleFindings));
    assert.equal(status, 1);
  });

  it('eslint.config.mjs (ES module), passed with --config', () => {
    const { status, findings } = lint(configFormatsDir, ['--config', 'eslint.config.mjs', 'sample.ts']);
    assertNoCrash(findings);
    assert.deepEqual(positions(findings), positions(sampleFindings));
    assert.equal(status, 1);
  });

  it('eslint.config.ts (TypeScript, loaded through jiti), passed with --config', () => {
    const { status, findings } = lint(configFormatsDir, ['--config', 'eslint.config.ts', 'sample.ts']);
    assertNoCrash(findings);
    assert.deepEqual(positions(findings), positions(sampleFindings));
    assert.equal(status, 1);
  });

  it('the recommended preset runs without type information and reports what syntax proves', () => {
    const { status, findings } = lint(configFormatsDir, ['--config', 'recommended.config.mjs', 'sample.ts']);
    assertNoCrash(findings);
    const untypedRules = Object.keys(loopwatch.configs.recommended.rules ?? {});
    assert.ok(untypedRules.length > 0, 'the recommended preset turns rules on');
    // Every rule the preset turns on still finds its bug here: each is provable from syntax alone
    // (an async function declared in the file, a known callee, an import from node:fs).
    assert.deepEqual(
      positions(findings),
      positions(sampleFindings.filter((f) => untypedRules.includes(f.ruleId))),
    );
    assert.equal(status, findings.length > 0 ? 1 : 0);
  });
});

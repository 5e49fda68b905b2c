/**
 * The LOOPWATCH_NO_NODE_TYPES notice: a typed lint of a project that cannot see @types/node warns once
 * per process, whatever the number of files, rules and programs; a project that sees it never warns.
 * The cases run in order in this one process (node --test gives each test file its own), because
 * "once per process" is exactly what they check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import plugin from '../../src/index';
import { NO_NODE_TYPES_WARNING_CODE } from '../../src/analysis/node-types-check';

const noNodeTypesDir = fileURLToPath(new URL('./fixtures-no-node-types', import.meta.url));
const allRules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`loopwatch/${name}`, 'error' as const]));

function typedLinter(cwd: string, project: string): ESLint {
  const config: Linter.Config = {
    files: ['**/*.ts'],
    plugins: { loopwatch: plugin as unknown as ESLint.Plugin },
    languageOptions: { parser: parser as Linter.Parser, parserOptions: { project, tsconfigRootDir: cwd } },
    rules: allRules,
  };
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [config] });
}

const warnings: Error[] = [];
const collect = (warning: Error): void => {
  if ((warning as NodeJS.ErrnoException).code === NO_NODE_TYPES_WARNING_CODE) warnings.push(warning);
};
before(() => process.on('warning', collect));
after(() => process.off('warning', collect));

/** process.emitWarning delivers on a later tick. */
const warningsDelivered = () => new Promise((resolve) => setImmediate(resolve));

function ruleIds(results: ESLint.LintResult[]): string[] {
  const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal || m.ruleId === null).map((m) => m.message));
  assert.deepEqual(fatal, [], 'no parse errors or rule crashes');
  return [...new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId!)))].sort();
}

describe('LOOPWATCH_NO_NODE_TYPES', () => {
  it('a project that resolves @types/node lints without the notice', async () => {
    const results = await typedLinter(noNodeTypesDir, './tsconfig.node.json').lintFiles(['blocking.ts']);
    assert.deepEqual(ruleIds(results), ['loopwatch/no-blocking-call']);
    await warningsDelivered();
    assert.deepEqual(warnings, []);
  });

  it('a project with "types": [] warns exactly once over three files and all three rules, and still lints', async () => {
    const results = await typedLinter(noNodeTypesDir, './tsconfig.json').lintFiles(['*.ts']);
    assert.equal(results.length, 3);
    // What syntax proves is still reported: each rule finds its bug without Node's types.
    assert.deepEqual(ruleIds(results), Object.keys(allRules).sort());
    await warningsDelivered();
    assert.equal(warnings.length, 1);
    const [warning] = warnings;
    assert.equal(warning!.name, 'Warning');
    assert.match(warning!.message, /fixtures-no-node-types[\\/]tsconfig\.json/, 'names the tsconfig');
    assert.match(warning!.message, /npm i -D @types\/node/);
    assert.match(warning!.message, /"types"/);
  });

  it('another program without Node types in the same process stays silent', async () => {
    const results = await typedLinter(noNodeTypesDir, './tsconfig.second.json').lintFiles(['floating.ts']);
    assert.deepEqual(ruleIds(results), ['loopwatch/no-floating-promises']);
    await warningsDelivered();
    assert.equal(warnings.length, 1);
  });
});

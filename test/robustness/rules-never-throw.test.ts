/**
 * "A rule must never throw on any code that parses": every rule of the plugin, with and without type
 * information, over odd syntax, type errors, JS, JSX, and the repository's own sources.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import plugin from '../../src/index';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, 'fixtures');
const repoRoot = join(here, '..', '..');
const allRules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`loopwatch/${name}`, 'error' as const]));

function config(parserOptions: Linter.ParserOptions): Linter.Config[] {
  return [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mts', '**/*.cts'],
      plugins: { loopwatch: plugin as unknown as ESLint.Plugin },
      languageOptions: { parser: parser as Linter.Parser, parserOptions },
      rules: allRules,
    },
  ];
}

async function lintWithoutCrash(eslint: ESLint, patterns: string[]): Promise<ESLint.LintResult[]> {
  const results = await eslint.lintFiles(patterns);
  const fatal = results.flatMap((result) =>
    result.messages.filter((m) => m.fatal || m.ruleId === null).map((m) => `${result.filePath}:${m.line}: ${m.message}`),
  );
  assert.deepEqual(fatal, [], 'no parse errors or rule crashes');
  return results;
}

const fixtureFiles = readdirSync(fixtures).filter((f) => !f.endsWith('.json'));

describe('rules never throw', () => {
  it('with type information, on odd code, type errors, JS and JSX', async () => {
    const eslint = new ESLint({
      cwd: fixtures,
      overrideConfigFile: true,
      overrideConfig: config({ project: './tsconfig.json', tsconfigRootDir: fixtures }),
    });
    const results = await lintWithoutCrash(eslint, fixtureFiles);
    assert.equal(results.length, fixtureFiles.length);
  });

  it('without type information, on the same files', async () => {
    const eslint = new ESLint({
      cwd: fixtures,
      overrideConfigFile: true,
      overrideConfig: config({ ecmaFeatures: { jsx: true } }),
    });
    await lintWithoutCrash(eslint, fixtureFiles);
  });

  it("with type information, on the repository's own sources", async () => {
    const eslint = new ESLint({
      cwd: repoRoot,
      errorOnUnmatchedPattern: false,
      overrideConfigFile: true,
      overrideConfig: config({ project: './tsconfig.json', tsconfigRootDir: repoRoot }),
    });
    const results = await lintWithoutCrash(eslint, ['src/**/*.ts', 'rules/**/*.ts', 'transform/**/*.ts']);
    assert.ok(results.length >= 5);
  });
});

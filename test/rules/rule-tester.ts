/**
 * RuleTester wired to node:test, with real type information from test/rules/fixtures
 * (its tsconfig resolves @types/node from the repository's node_modules).
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));

/** Type-aware: the code under test is checked as test/rules/fixtures/file.ts. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}

/** No type information: what the rule proves from syntax alone. */
export function untypedRuleTester(): RuleTester {
  return new RuleTester();
}

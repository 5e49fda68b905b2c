/**
 * RuleTester wired to node:test, with real type information from test/rules/fixtures
 * (its tsconfig resolves @types/node from the repository's node_modules).
 */
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));

/**
 * RuleTester's `run`, typed for our rules. @typescript-eslint/rule-tester's latest release (8.72)
 * bundles its own @typescript-eslint/utils, whose RuleModule type is nominally different from the
 * 8.73 one the rules are built with (private members of scope-manager classes): the same objects at
 * run time, so the types are bridged once, here. Test cases stay checked against the rule's
 * messageIds and options.
 */
export interface LoopwatchRuleTester {
  run<MessageIds extends string, Options extends readonly unknown[], Docs>(
    name: string,
    rule: TSESLint.RuleModule<MessageIds, Options, Docs>,
    tests: RunTests<NoInfer<MessageIds>, NoInfer<Options>>,
  ): void;
}

function bridged(tester: RuleTester): LoopwatchRuleTester {
  return { run: (name, rule, tests) => tester.run(name, rule as never, tests as never) };
}

/** Type-aware: the code under test is checked as test/rules/fixtures/file.ts. */
export function typedRuleTester(): LoopwatchRuleTester {
  return bridged(new RuleTester({
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: fixturesDir,
      },
    },
  }));
}

/** No type information: what the rule proves from syntax alone. */
export function untypedRuleTester(): LoopwatchRuleTester {
  return bridged(new RuleTester());
}

import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields every loopwatch rule declares; the flat configs are built from them. */
export interface LoopwatchRuleDocs {
  description: string;
  /** The lowest preset that turns the rule on. */
  recommended: 'recommended' | 'strict';
  /** True when the rule reports nothing useful without type information. */
  requiresTypeChecking?: boolean;
  /** Options the `strict-type-checked` preset sets instead of the defaults (merged over them). */
  strictOptions?: readonly unknown[];
}

export const DOCS_BASE_URL = 'https://github.com/loopwatch/loopwatch/blob/main/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<LoopwatchRuleDocs>(
  (name) => `${DOCS_BASE_URL}${name}.md`,
);

/**
 * The ESLint plugin: `{ meta, rules, configs }`. Presets are derived from each rule's
 * `meta.docs` (recommended level, type information), never from a list kept by hand.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import * as parser from '@typescript-eslint/parser';
import noAsyncVoidCallback from '../rules/no-async-void-callback';
import noBlockingCall from '../rules/no-blocking-call';
import noFloatingPromises from '../rules/no-floating-promises';
import type { LoopwatchRuleDocs } from './util/create-rule';

// Self-reference through the package's own exports: the same path from src/ (tests) and dist/src/.
const { name, version } = require('loopwatch/package.json') as { name: string; version: string };

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], LoopwatchRuleDocs>;

const rules = {
  'no-async-void-callback': noAsyncVoidCallback,
  'no-blocking-call': noBlockingCall,
  'no-floating-promises': noFloatingPromises,
} satisfies Record<string, AnyRule>;

type ConfigName = 'recommended' | 'recommended-type-checked' | 'strict-type-checked';
type FlatConfig = TSESLint.FlatConfig.Config;

const plugin = {
  meta: { name, version },
  rules,
  configs: {} as Record<ConfigName, FlatConfig>,
};

function rulesAt(levels: ReadonlyArray<LoopwatchRuleDocs['recommended']>, typeChecked: boolean, strict: boolean) {
  const entries: [string, TSESLint.FlatConfig.RuleEntry][] = [];
  for (const [ruleName, rule] of Object.entries(rules) as [string, AnyRule][]) {
    const docs = rule.meta.docs;
    if (!docs || !levels.includes(docs.recommended)) continue;
    if (docs.requiresTypeChecking && !typeChecked) continue;
    const options = strict ? docs.strictOptions : undefined;
    entries.push([`loopwatch/${ruleName}`, options ? ['error', ...options] : 'error']);
  }
  return Object.fromEntries(entries);
}

function preset(configName: ConfigName, levels: ReadonlyArray<LoopwatchRuleDocs['recommended']>, typeChecked: boolean): FlatConfig {
  return {
    name: `loopwatch/${configName}`,
    plugins: { loopwatch: plugin as unknown as TSESLint.FlatConfig.Plugin },
    languageOptions: {
      parser: parser as TSESLint.FlatConfig.Parser,
      ...(typeChecked ? { parserOptions: { projectService: true } } : {}),
    },
    rules: rulesAt(levels, typeChecked, configName === 'strict-type-checked'),
  };
}

plugin.configs.recommended = preset('recommended', ['recommended'], false);
plugin.configs['recommended-type-checked'] = preset('recommended-type-checked', ['recommended'], true);
plugin.configs['strict-type-checked'] = preset('strict-type-checked', ['recommended', 'strict'], true);

export = plugin;

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import plugin from '../../src/index';

describe('plugin entry', () => {
  it('exposes meta with the package name and version', () => {
    assert.equal(plugin.meta.name, 'loopwatch');
    assert.match(plugin.meta.version, /^\d+\.\d+\.\d+/);
  });

  it('builds every preset from rule metadata', () => {
    const ruleNames = Object.keys(plugin.rules);
    for (const [configName, config] of Object.entries(plugin.configs)) {
      assert.equal(config.name, `loopwatch/${configName}`);
      assert.ok(config.plugins?.loopwatch, `${configName} registers the plugin`);
      for (const key of Object.keys(config.rules ?? {})) {
        assert.ok(ruleNames.includes(key.replace('loopwatch/', '')), `${key} is a rule of the plugin`);
      }
    }
    const recommended = Object.entries(plugin.rules)
      .filter(([, rule]) => rule.meta.docs?.recommended === 'recommended')
      .map(([ruleName]) => `loopwatch/${ruleName}`)
      .sort();
    assert.deepEqual(Object.keys(plugin.configs['recommended-type-checked'].rules ?? {}).sort(), recommended);
    assert.ok(
      Object.keys(plugin.configs['strict-type-checked'].rules ?? {}).length >= recommended.length,
      'strict is a superset of recommended',
    );
  });

  it('strict sets each rule to the strictOptions of its metadata, the others to defaults', () => {
    const strictRules = plugin.configs['strict-type-checked'].rules ?? {};
    const recommendedRules = plugin.configs['recommended-type-checked'].rules ?? {};
    for (const [ruleName, rule] of Object.entries(plugin.rules)) {
      const key = `loopwatch/${ruleName}`;
      const strictOptions = rule.meta.docs?.strictOptions;
      assert.equal(recommendedRules[key], 'error');
      assert.deepEqual(strictRules[key], strictOptions ? ['error', ...strictOptions] : 'error');
    }
  });

  it('only the type-checked presets ask for type information', () => {
    assert.equal(plugin.configs.recommended.languageOptions?.parserOptions, undefined);
    assert.deepEqual(plugin.configs['recommended-type-checked'].languageOptions?.parserOptions, { projectService: true });
    assert.deepEqual(plugin.configs['strict-type-checked'].languageOptions?.parserOptions, { projectService: true });
  });

  it('every rule links to its doc page', () => {
    for (const [ruleName, rule] of Object.entries(plugin.rules)) {
      assert.equal(rule.meta.docs?.url, `https://github.com/loopwatch/loopwatch/blob/main/docs/rules/${ruleName}.md`);
    }
  });
});

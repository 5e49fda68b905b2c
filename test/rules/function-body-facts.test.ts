import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { bodyFactsOf } from '../../src/analysis/function-body-facts';
import type { FunctionNode } from '../../src/analysis/enclosing-function';

/** The facts of the first function (expression or arrow) passed to `run(…)` in `code`. */
function factsOf(code: string) {
  const { ast, visitorKeys } = parseForESLint(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const statement = ast.body[0] as TSESTree.ExpressionStatement;
  const call = statement.expression as TSESTree.CallExpression;
  return bodyFactsOf(call.arguments[0] as FunctionNode, visitorKeys);
}

describe('bodyFactsOf', () => {
  it('sees return and await in the function itself', () => {
    assert.deepEqual(factsOf('run(async (x) => { if (x) return; await x; });'), {
      hasReturn: true,
      hasAwait: true,
      usesOwnBindings: false,
    });
    assert.equal(factsOf('run(async (xs) => { for await (const x of xs) {} });').hasAwait, true);
  });

  it('leaves out return and await of nested functions', () => {
    assert.deepEqual(factsOf('run(async () => { const f = async () => { await g(); return 1; }; function h() { return 2; } });'), {
      hasReturn: false,
      hasAwait: false,
      usesOwnBindings: false,
    });
  });

  it("counts this, arguments, super and new.target of a function, through nested arrows but not nested functions", () => {
    assert.equal(factsOf('run(async function () { await this.x; });').usesOwnBindings, true);
    assert.equal(factsOf('run(async function () { [1].map(() => arguments[0]); });').usesOwnBindings, true);
    assert.equal(factsOf('run(async function () { return new.target; });').usesOwnBindings, true);
    assert.equal(factsOf('run(async function () { class A { x = this; } });').usesOwnBindings, true);
    assert.equal(factsOf('run(async function () { function inner() { return this; } });').usesOwnBindings, false);
    // An arrow has no `this` of its own: a `for…of` rewrite keeps its meaning.
    assert.equal(factsOf('run(async () => { await this.x; });').usesOwnBindings, false);
  });
});

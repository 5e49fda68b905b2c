import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { expressionType } from '../../src/analysis/expression-types';
import type { TypeServices } from '../../src/analysis/types';

it('expressionType asks the checker once per node, whichever rule asks', () => {
  const asked: TSESTree.Node[] = [];
  const fakeType = (name: string) => ({ name }) as unknown as ts.Type;
  const services = { typeOf: (node: TSESTree.Node) => (asked.push(node), fakeType(node.type)) } as unknown as TypeServices;
  const callee = { type: 'Identifier' } as TSESTree.Node;
  const other = { type: 'MemberExpression' } as TSESTree.Node;
  const first = expressionType(services, callee);
  assert.equal(expressionType(services, callee), first);
  assert.notEqual(expressionType(services, other), first);
  assert.deepEqual(asked, [callee, other]);
});

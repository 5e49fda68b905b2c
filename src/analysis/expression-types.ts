/**
 * The type of an expression, shared by loopwatch's rules while they lint one file: the checker
 * recomputes an expression's flow type on every request, and `no-floating-promises` and
 * `no-async-void-callback` both ask for the callees of the same calls. Keyed by the ESTree node,
 * which every lint parses anew, so an answer never outlives the program it came from.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { TypeServices } from './types';

const types = new WeakMap<TSESTree.Node, ts.Type>();

export function expressionType(services: TypeServices, node: TSESTree.Node): ts.Type {
  let type = types.get(node);
  if (type === undefined) {
    type = services.typeOf(node);
    types.set(node, type);
  }
  return type;
}

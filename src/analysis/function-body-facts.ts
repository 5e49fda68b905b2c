/**
 * What a function's own body does that the async-callback suggestions depend on (`return`,
 * `await`, `this`/`arguments`/`super`/`new.target`). Walked on demand, for reported functions
 * only: tracking it with listeners cost a call for every `this` in the file.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { BodyFacts } from './async-callback-fixes';
import { pushChildNodes, type VisitorKeys } from './ast-children';
import type { FunctionNode } from './enclosing-function';

export function bodyFactsOf(fn: FunctionNode, visitorKeys: VisitorKeys): BodyFacts {
  const facts: BodyFacts = { hasReturn: false, hasAwait: false, usesOwnBindings: false };
  // `own`: the node belongs to `fn` itself, not to a nested arrow (which shares `this` but not `return`/`await`).
  const stack: { node: TSESTree.Node; own: boolean }[] = [];
  const pushChildren = (node: TSESTree.Node, own: boolean): void => {
    const children: TSESTree.Node[] = [];
    pushChildNodes(node, visitorKeys, children);
    for (const child of children) stack.push({ node: child, own });
  };
  pushChildren(fn, true);
  while (stack.length > 0) {
    const { node, own } = stack.pop()!;
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
        if (own) facts.hasReturn = true;
        break;
      case AST_NODE_TYPES.AwaitExpression:
        if (own) facts.hasAwait = true;
        break;
      case AST_NODE_TYPES.ForOfStatement:
        if (own && node.await) facts.hasAwait = true;
        break;
      case AST_NODE_TYPES.ThisExpression:
      case AST_NODE_TYPES.Super:
      case AST_NODE_TYPES.MetaProperty:
        // Own bindings belong to the nearest non-arrow function, so a nested arrow's count for `fn`.
        if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) facts.usesOwnBindings = true;
        break;
      case AST_NODE_TYPES.Identifier:
        if (node.name === 'arguments' && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) facts.usesOwnBindings = true;
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
        continue; // a function of its own: its body answers for itself
      case AST_NODE_TYPES.ArrowFunctionExpression:
        pushChildren(node, false);
        continue;
    }
    pushChildren(node, own);
  }
  return facts;
}

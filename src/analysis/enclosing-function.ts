/** The functions rules reason about, and the innermost one around a node. */
import { ASTUtils, type TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionExpression
  | TSESTree.FunctionDeclaration;

/** The innermost function around `node`, or undefined at module/script top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ASTUtils.isFunction(current)) return current;
  }
  return undefined;
}

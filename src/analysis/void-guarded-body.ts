/**
 * An async function whose whole body is `try { … } catch { log(…) }` cannot reject for practical
 * purposes: every failure of the body lands in a handler that only logs or records it. Kept
 * conservative: anything in the handler that could rethrow, wait or hand back a value disqualifies it.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from './enclosing-function';
import { pushChildNodes, type VisitorKeys } from './ast-children';

export function isFullyGuardedBody(fn: FunctionNode, visitorKeys: VisitorKeys): boolean {
  if (!fn.async || fn.generator || fn.body?.type !== AST_NODE_TYPES.BlockStatement) return false;
  // Defaults and destructuring run before the body and would reject outside the `try`.
  if (!fn.params.every(isPlainParameter)) return false;
  const [statement, ...rest] = fn.body.body;
  if (rest.length > 0 || statement?.type !== AST_NODE_TYPES.TryStatement || !statement.handler) return false;
  const param = statement.handler.param;
  if (param && param.type !== AST_NODE_TYPES.Identifier) return false;
  // `return promise` inside `try` settles after the `try` is left, so its rejection escapes the `catch`.
  if (contains(statement.block, visitorKeys, (node) => node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null)) {
    return false;
  }
  return isHarmlessBlock(statement.handler.body, visitorKeys) && (!statement.finalizer || isHarmlessBlock(statement.finalizer, visitorKeys));
}

function isPlainParameter(param: TSESTree.Parameter): boolean {
  if (param.type === AST_NODE_TYPES.Identifier) return true;
  return param.type === AST_NODE_TYPES.RestElement && param.argument.type === AST_NODE_TYPES.Identifier;
}

/** Only calls and simple assignments as statements, and no `await` in them. */
function isHarmlessBlock(block: TSESTree.BlockStatement, visitorKeys: VisitorKeys): boolean {
  return block.body.every(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      isHarmlessExpression(statement.expression) &&
      !contains(statement.expression, visitorKeys, (node) => node.type === AST_NODE_TYPES.AwaitExpression),
  );
}

function isHarmlessExpression(expression: TSESTree.Expression): boolean {
  switch (expression.type) {
    case AST_NODE_TYPES.CallExpression:
      return true;
    case AST_NODE_TYPES.ChainExpression:
      return expression.expression.type === AST_NODE_TYPES.CallExpression;
    case AST_NODE_TYPES.UnaryExpression:
      return expression.operator === 'void' && isHarmlessExpression(expression.argument);
    case AST_NODE_TYPES.AssignmentExpression:
      return expression.left.type === AST_NODE_TYPES.Identifier || expression.left.type === AST_NODE_TYPES.MemberExpression;
    default:
      return false;
  }
}

/** Some node under `root` (nested functions excluded: their bodies run later, on their own) matches. */
function contains(root: TSESTree.Node, visitorKeys: VisitorKeys, matches: (node: TSESTree.Node) => boolean): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (matches(node)) return true;
    if (node !== root && ASTUtils.isFunction(node)) continue;
    pushChildNodes(node, visitorKeys, stack);
  }
  return false;
}

/**
 * Busy-wait loops: a loop with no real body whose condition compares a clock reading
 * (`while (Date.now() < end) {}`, `for (;performance.now() - start < n;);`). It burns the main thread
 * until the time has passed; nothing else runs meanwhile.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { type OriginResolver, staticPropertyName } from './binding-origin';

export type LoopStatement = TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.WhileStatement;

const COMPARISONS = new Set(['<', '<=', '>', '>=', '!==', '!=']);
const MAX_DEPTH = 8;

/** The clock a spin loop compares (`Date.now()`), or undefined when `loop` is not a busy wait. */
export function busyWaitClock(loop: LoopStatement, origins: OriginResolver): string | undefined {
  const test = loop.test;
  if (!test) return undefined;
  const clockVariables = new Set<string>();
  if (!isSpinBody(loop.body, origins, clockVariables)) return undefined;
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update && !isSpinExpression(loop.update, origins, clockVariables)) {
    return undefined;
  }
  return comparedClock(test, origins, clockVariables, 0);
}

/** Only statements that change nothing outside the loop's own counters: `{}`, `;`, `now = Date.now()`, `i++`, `continue`. */
function isSpinBody(body: TSESTree.Statement, origins: OriginResolver, clockVariables: Set<string>): boolean {
  switch (body.type) {
    case AST_NODE_TYPES.EmptyStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return body.body.every((statement) => isSpinBody(statement, origins, clockVariables));
    case AST_NODE_TYPES.ExpressionStatement:
      return isSpinExpression(body.expression, origins, clockVariables);
    default:
      return false;
  }
}

function isSpinExpression(expression: TSESTree.Expression, origins: OriginResolver, clockVariables: Set<string>): boolean {
  if (expression.type === AST_NODE_TYPES.UpdateExpression) return expression.argument.type === AST_NODE_TYPES.Identifier;
  if (expression.type === AST_NODE_TYPES.SequenceExpression) {
    return expression.expressions.every((part) => isSpinExpression(part, origins, clockVariables));
  }
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.left.type !== AST_NODE_TYPES.Identifier) return false;
  if (!isPure(expression.right, origins, 0)) return false;
  if (clockOf(expression.right, origins, 0)) clockVariables.add(expression.left.name);
  return true;
}

function isPure(node: TSESTree.Node, origins: OriginResolver, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return isPure(node.left, origins, depth + 1) && isPure(node.right, origins, depth + 1);
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator !== 'delete' && isPure(node.argument, origins, depth + 1);
    default:
      return clockOf(node, origins, depth) !== undefined;
  }
}

function comparedClock(node: TSESTree.Node, origins: OriginResolver, clockVariables: Set<string>, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    return comparedClock(node.left, origins, clockVariables, depth + 1) ?? comparedClock(node.right, origins, clockVariables, depth + 1);
  }
  if (node.type !== AST_NODE_TYPES.BinaryExpression || !COMPARISONS.has(node.operator)) return undefined;
  return readsClock(node.left, origins, clockVariables, depth + 1) ?? readsClock(node.right, origins, clockVariables, depth + 1);
}

function readsClock(node: TSESTree.Node, origins: OriginResolver, clockVariables: Set<string>, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (node.type === AST_NODE_TYPES.Identifier) return clockVariables.has(node.name) ? `${node.name}` : undefined;
  if (node.type === AST_NODE_TYPES.BinaryExpression) {
    return readsClock(node.left, origins, clockVariables, depth + 1) ?? readsClock(node.right, origins, clockVariables, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.UnaryExpression) return readsClock(node.argument, origins, clockVariables, depth + 1);
  return clockOf(node, origins, depth);
}

/** `Date.now()`, `performance.now()`, `process.hrtime()`, `process.hrtime.bigint()`, `new Date()`, `new Date().getTime()`. */
function clockOf(node: TSESTree.Node, origins: OriginResolver, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const callee = node.callee;
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Date' && node.arguments.length === 0 && origins.isGlobal(callee)
      ? 'new Date()'
      : undefined;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const callee = node.callee;
  const method = staticPropertyName(callee);
  if (method === 'getTime' || method === 'valueOf') return clockOf(callee.object, origins, depth + 1) ? 'new Date()' : undefined;
  const origin = origins.originOf(callee);
  if (origin?.kind === 'method' && origin.module === 'globalThis') {
    const clock = `${origin.className}.${origin.name}`;
    if (clock === 'Date.now' || clock === 'performance.now' || clock === 'process.hrtime') return `${clock}()`;
  }
  if (method === 'now') {
    // `import { performance } from 'node:perf_hooks'`
    const objectOrigin = origins.originOf(callee.object);
    if (objectOrigin?.kind === 'export' && objectOrigin.module === 'perf_hooks' && objectOrigin.name === 'performance') return 'performance.now()';
  }
  if (method === 'bigint' && callee.object.type === AST_NODE_TYPES.MemberExpression) {
    const inner = origins.originOf(callee.object);
    if (inner?.kind === 'method' && inner.module === 'globalThis' && inner.className === 'process' && inner.name === 'hrtime') {
      return 'process.hrtime.bigint()';
    }
  }
  return undefined;
}

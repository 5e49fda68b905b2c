/**
 * Suggestions for `no-async-void-callback`. Each is offered only where the rewrite keeps the
 * callback's meaning; all of them change *when* work finishes (that is the point), so none
 * is an autofix.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { TypeServices } from './types';
import { enclosingFunction, type FunctionNode } from './enclosing-function';
import { isGlobalReference } from './void-callback-sites';

/** What the rule learned about a function body while walking it. */
export interface BodyFacts {
  /** A `return` statement (with or without value) in the function's own body. */
  hasReturn: boolean;
  /** `await` or `for await` in the function's own body. */
  hasAwait: boolean;
  /** `this`, `arguments`, `new.target` or `super` in the function's own (non-arrow) scope. */
  usesOwnBindings: boolean;
}

type Fixer = TSESLint.ReportFixFunction;

/**
 * `xs.forEach(async …)` as a statement inside an async function, on an array: the caller can
 * wait for every callback. Returns the receiver (`xs`) and the statement when that holds.
 */
export function awaitableForEach(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: TypeServices,
  call: TSESTree.CallExpression,
): { statement: TSESTree.ExpressionStatement; callee: TSESTree.MemberExpression } | undefined {
  const statement = call.parent;
  const callee = call.callee;
  if (
    statement.type !== AST_NODE_TYPES.ExpressionStatement ||
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.optional ||
    callee.computed ||
    callee.object.type === AST_NODE_TYPES.Super
  ) {
    return undefined;
  }
  if (!enclosingFunction(statement)?.async) return undefined;
  const receiverType = services.checker.getApparentType(services.typeOf(callee.object));
  if (!services.checker.isArrayType(receiverType) && !services.checker.isTupleType(receiverType)) return undefined;
  // `Promise` in `await Promise.all(…)` must be the global one.
  const promise = ASTUtils.findVariable(sourceCode.getScope(call), 'Promise');
  return !promise || promise.defs.length === 0 ? { statement, callee } : undefined;
}

/** `xs.forEach(cb)` → `await Promise.all(xs.map(cb))`: same callbacks, same concurrency, now awaited. */
export function promiseAllFix(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): Fixer {
  return (fixer) => [
    fixer.insertTextBefore(call, 'await Promise.all('),
    fixer.replaceText(callee.property, 'map'),
    fixer.insertTextAfter(call, ')'),
  ];
}

/**
 * `xs.forEach(async (x) => { … })` → `for (const x of xs) { … }`: the body's awaits now run
 * one element after another. Only for a single plain parameter, no `return` (it would mean
 * `continue`), and for `function` callbacks no own `this`/`arguments`.
 */
export function forOfFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  statement: TSESTree.ExpressionStatement,
  callee: TSESTree.MemberExpression,
  callback: FunctionNode,
  facts: BodyFacts,
): Fixer | undefined {
  const call = statement.expression as TSESTree.CallExpression;
  const [param] = callback.params;
  if (
    call.arguments.length !== 1 ||
    callback.params.length !== 1 ||
    param?.type !== AST_NODE_TYPES.Identifier ||
    facts.hasReturn ||
    (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && facts.usesOwnBindings)
  ) {
    return undefined;
  }
  const dot = sourceCode.getTokenBefore(callee.property);
  if (!dot) return undefined;
  // The receiver's text with its own parentheses, so `(a, b).forEach` stays valid.
  const receiver = sourceCode.text.slice(callee.range[0], dot.range[0]).trim();
  // `for (const x of x.items)` reads `x` in its temporal dead zone.
  if (new RegExp(`(^|[^\\w$])${param.name.replace(/\$/g, '\\$')}($|[^\\w$])`).test(receiver)) return undefined;
  const body = callback.body;
  let loopBody: string;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    loopBody = sourceCode.getText(body);
  } else {
    const text = sourceCode.getText(body);
    const simple =
      body.type === AST_NODE_TYPES.AwaitExpression ||
      body.type === AST_NODE_TYPES.CallExpression ||
      body.type === AST_NODE_TYPES.Identifier ||
      body.type === AST_NODE_TYPES.MemberExpression;
    const awaited = body.type === AST_NODE_TYPES.AwaitExpression ? text : `await ${simple ? text : `(${text})`}`;
    loopBody = `{ ${awaited}; }`;
  }
  return (fixer) => fixer.replaceText(statement, `for (const ${param.name} of ${receiver}) ${loopBody}`);
}

/** `new Promise(async (resolve) => …)` without any `await` inside: dropping `async` lets a throw reject the new promise. */
export function removeAsyncFix(sourceCode: Readonly<TSESLint.SourceCode>, executor: FunctionNode): Fixer | undefined {
  const asyncToken = sourceCode.getFirstToken(executor);
  if (!asyncToken || asyncToken.value !== 'async') return undefined;
  const next = sourceCode.getTokenAfter(asyncToken, { includeComments: true });
  if (!next) return undefined;
  return (fixer) => fixer.removeRange([asyncToken.range[0], next.range[0]]);
}

export function isUnshadowedPromise(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): boolean {
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise' && isGlobalReference(sourceCode, callee);
}

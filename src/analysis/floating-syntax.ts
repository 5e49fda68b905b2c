/**
 * Syntax-only facts the no-floating-promises analysis needs: how to see through wrappers that do not change
 * the runtime value, how to read `.then/.catch/.finally` calls, how to name a promise in a message, and
 * what syntax alone proves to be a promise (the rule's fallback without type information).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction } from './enclosing-function';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** `x!`, `x as T`, `<T>x`, `x satisfies T` and `a?.b()` evaluate to the same value as the inner expression. */
export function skipValueWrappers(node: TSESTree.Expression): TSESTree.Expression {
  let current: TSESTree.Expression = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** `obj.name` or `obj['name']`: the name when it is written out, never evaluated. */
export function staticMemberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) {
    return member.property.type === AST_NODE_TYPES.Identifier || member.property.type === AST_NODE_TYPES.PrivateIdentifier
      ? member.property.name
      : undefined;
  }
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') {
    return member.property.value;
  }
  return undefined;
}

export interface PromiseMethodCall {
  readonly method: 'then' | 'catch' | 'finally';
  /** The promise the method is called on. */
  readonly receiver: TSESTree.Expression;
  /** The argument that receives the rejection: `.then`'s second, `.catch`'s first. */
  readonly onRejected?: TSESTree.CallExpressionArgument;
  /** A spread argument hides which argument is the handler. */
  readonly hasSpread: boolean;
}

/** `x.then(...)`, `x.catch(...)`, `x.finally(...)`, read from syntax only (the receiver's type is checked elsewhere). */
export function parsePromiseMethodCall(call: TSESTree.CallExpression): PromiseMethodCall | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type === AST_NODE_TYPES.Super) return undefined;
  const method = staticMemberName(callee);
  if (method !== 'then' && method !== 'catch' && method !== 'finally') return undefined;
  const args = call.arguments;
  const hasSpread = args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement);
  const onRejected = method === 'then' ? args[1] : method === 'catch' ? args[0] : undefined;
  return { method, receiver: callee.object, onRejected, hasSpread };
}

const ARRAY_PRODUCERS = new Set(['map', 'flatMap']);

/** `xs.map(…)` / `xs.flatMap(…)`: the calls that turn a callback's promises into an array of them. */
export function isArrayProducingCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = staticMemberName(node.callee);
  return name !== undefined && ARRAY_PRODUCERS.has(name);
}

const MAX_NAME_LENGTH = 40;

/** A short, readable name for what was called: `sendMail`, `mailer.send`, `this.queue.flush`, `db.get().then`. */
export function calleeName(callee: TSESTree.Node, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  switch (callee.type) {
    case AST_NODE_TYPES.Identifier:
      return callee.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.Super:
      return 'super';
    case AST_NODE_TYPES.PrivateIdentifier:
      return `#${callee.name}`;
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return calleeName(callee.expression, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const property = staticMemberName(callee);
      if (property === undefined) return undefined;
      const object = calleeName(callee.object, depth + 1) ?? '…';
      const prefix = callee.property.type === AST_NODE_TYPES.PrivateIdentifier ? '#' : '';
      const name = `${object}.${prefix}${property}`;
      return name.length > MAX_NAME_LENGTH ? `….${prefix}${property}` : name;
    }
    case AST_NODE_TYPES.CallExpression: {
      const inner = calleeName(callee.callee, depth + 1);
      return inner === undefined ? undefined : `${inner}()`;
    }
    default:
      return undefined;
  }
}

/** How a message refers to the value: "Promise returned by `sendMail()`", "Promise `pending`", "This promise". */
export function describeValue(node: TSESTree.Expression, noun = 'Promise'): string {
  const inner = skipValueWrappers(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node);
  switch (inner.type) {
    case AST_NODE_TYPES.CallExpression: {
      if (isFunctionExpression(skipValueWrappers(inner.callee as TSESTree.Expression))) {
        return `${noun} returned by this immediately invoked function`;
      }
      const name = calleeName(inner.callee);
      return name === undefined ? `${noun} returned by this call` : `${noun} returned by \`${name}()\``;
    }
    case AST_NODE_TYPES.NewExpression: {
      const name = calleeName(inner.callee);
      return name === undefined ? `${noun} created here` : `${noun} created by \`new ${name}()\``;
    }
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      const name = calleeName(inner);
      if (name !== undefined) return `${noun} \`${name}\``;
      break;
    }
    default:
      break;
  }
  return `This ${noun.toLowerCase()}`;
}

export function isFunctionExpression(
  node: TSESTree.Node,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}


/** `await` can be inserted here without changing the kind of function it is in. */
export function isInAsyncFunction(node: TSESTree.Node): boolean {
  return enclosingFunction(node)?.async === true;
}

/** The variable an identifier refers to, looked up through the scope chain (undefined for undeclared globals). */
export function resolveVariable(scope: Scope, name: string): Variable | undefined {
  for (let current: Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/** `Promise` here is the built-in one: nothing in the file declares a variable of that name. */
export function isGlobalPromise(scope: Scope, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier || node.name !== 'Promise') return false;
  const variable = resolveVariable(scope, 'Promise');
  return variable === undefined || variable.defs.length === 0;
}

const PROMISE_STATICS = new Set(['resolve', 'reject', 'all', 'allSettled', 'race', 'any', 'try']);

/**
 * A function value the file itself declares `async`: `async function f`, or a `const`/never-reassigned
 * binding initialised with an async function or arrow.
 */
function isAsyncFunctionVariable(variable: Variable): boolean {
  if (variable.defs.length !== 1) return false;
  const def = variable.defs[0];
  if (def.type === 'FunctionName') {
    const declaration = def.node as TSESTree.FunctionDeclaration;
    return declaration.async && !declaration.generator && !declaration.declare;
  }
  if (def.type !== 'Variable') return false;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return false;
  const init = skipValueWrappers(declarator.init);
  if (!isFunctionExpression(init) || !init.async || init.generator) return false;
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

/** `this.name(...)` inside a class whose (matching static-ness) method `name` is declared `async`. */
function isAsyncMethodOfEnclosingClass(member: TSESTree.MemberExpression): boolean {
  if (member.object.type !== AST_NODE_TYPES.ThisExpression) return false;
  const name = staticMemberName(member);
  if (name === undefined) return false;
  // `this` is bound by the nearest non-arrow function; that function must be a method of the class.
  let current: TSESTree.Node | undefined = member.parent;
  while (current && current.type !== AST_NODE_TYPES.FunctionExpression && current.type !== AST_NODE_TYPES.FunctionDeclaration
    && current.type !== AST_NODE_TYPES.PropertyDefinition && current.type !== AST_NODE_TYPES.StaticBlock) {
    current = current.parent;
  }
  if (!current || current.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  const owner = current.type === AST_NODE_TYPES.FunctionExpression ? current.parent : current;
  if (!owner || (owner.type !== AST_NODE_TYPES.MethodDefinition && owner.type !== AST_NODE_TYPES.PropertyDefinition
    && owner.type !== AST_NODE_TYPES.StaticBlock)) {
    return false;
  }
  const isStatic = owner.type === AST_NODE_TYPES.StaticBlock || owner.static;
  const classBody = owner.parent;
  if (classBody?.type !== AST_NODE_TYPES.ClassBody) return false;
  const isPrivate = member.property.type === AST_NODE_TYPES.PrivateIdentifier;
  return classBody.body.some((element) => {
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'method' || element.static !== isStatic) return false;
    if (element.computed || (element.key.type === AST_NODE_TYPES.PrivateIdentifier) !== isPrivate) return false;
    const key = element.key;
    const keyName = key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier ? key.name : undefined;
    return keyName === name && element.value.async && !element.value.generator;
  });
}

/**
 * What syntax alone proves to evaluate to a native promise: calls of async functions declared in this file,
 * async IIFEs, `this.m()` for an async method of the enclosing class, `new Promise(...)`,
 * `Promise.resolve/reject/all/allSettled/race/any/try(...)`, and `.then/.catch/.finally` on any of those.
 */
export function isProvenPromise(node: TSESTree.Expression, getScope: (node: TSESTree.Node) => Scope): boolean {
  const inner = skipValueWrappers(node);
  if (inner.type === AST_NODE_TYPES.NewExpression) {
    return isGlobalPromise(getScope(inner), inner.callee);
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipValueWrappers(inner.callee as TSESTree.Expression);
  if (isFunctionExpression(callee)) return callee.async && !('generator' in callee && callee.generator);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(getScope(inner), callee.name);
    return variable !== undefined && isAsyncFunctionVariable(variable);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = staticMemberName(callee);
  if (method === undefined) return false;
  if (method === 'then' || method === 'catch' || method === 'finally') {
    return isProvenPromise(callee.object as TSESTree.Expression, getScope);
  }
  if (PROMISE_STATICS.has(method) && isGlobalPromise(getScope(inner), callee.object)) return true;
  return isAsyncMethodOfEnclosingClass(callee);
}

/** An expression that is certainly not callable, so passing it as a rejection handler does nothing. */
export function isCertainlyNotCallable(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.Identifier:
      return node.name === 'undefined';
    default:
      return false;
  }
}

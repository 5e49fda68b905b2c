/**
 * Which calls get `created(...)`: with a type checker, calls whose type the checker would await
 * (promise-like, thenables, unions with them), and inside async functions calls typed `any`/`unknown`;
 * without one, calls inside async functions and calls of async functions declared in the same file.
 * Never calls whose wrapping could change meaning.
 */
import type * as ts from 'typescript';
import { hasAsyncModifier } from './instrument-function';
import { SiteKind } from './site-table';

export interface CallPolicy {
  /** `inAsync`: the call is inside an instrumented async function's own body or parameters. */
  shouldWrap(call: ts.CallExpression, inAsync: boolean): boolean;
}

/** Syntax that must stay a bare call: `super()`, `import()`, and the inner links of an optional chain. */
function isWrappable(tsi: typeof ts, call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === tsi.SyntaxKind.SuperKeyword || callee.kind === tsi.SyntaxKind.ImportKeyword) return false;
  const parent = call.parent;
  // `a?.b().c()`: wrapping `a?.b()` would end the chain early and change short-circuiting.
  if (parent !== undefined && (parent.flags & tsi.NodeFlags.OptionalChain) !== 0
    && (parent as { expression?: ts.Node }).expression === call) {
    return false;
  }
  return true;
}

/**
 * Promise-likeness per type, per checker: types are interned by their checker, and one program's
 * files return the same few types (`void`, `Promise<Response>`) over and over, while the checker
 * caches only part of what `getAwaitedType` works out (not the "is it a primitive?" checks).
 */
const promiseLikeByChecker = new WeakMap<ts.TypeChecker, Map<ts.Type, boolean>>();

export function typedCallPolicy(tsi: typeof ts, checker: ts.TypeChecker): CallPolicy {
  const { TypeFlags, ObjectFlags, NodeFlags } = tsi;
  const plainFlags = ~(TypeFlags.StructuredOrInstantiable | TypeFlags.NonPrimitive);
  /**
   * Types `await` surely leaves as they are, told apart without `getAwaitedType`, which for each new
   * type asks whether it is assignable to every primitive kind before it looks for `then`: types
   * neither object nor union nor generic (primitives, void, any, unknown, never: never thenable to
   * the checker); object types without a `then` member, unless generic (a generic mapped or variadic
   * tuple type may become `Awaited<T>`); and unions of those.
   */
  const surelyNotAwaitable = (type: ts.Type): boolean => {
    if ((type.flags & plainFlags) === type.flags) return true;
    if (type.flags === TypeFlags.Object) {
      const objectFlags = (type as ts.ObjectType).objectFlags;
      if ((objectFlags & (ObjectFlags.Mapped | ObjectFlags.Tuple)) !== 0) return false;
      if ((objectFlags & ObjectFlags.Reference) !== 0 && ((type as ts.TypeReference).target.objectFlags & ObjectFlags.Tuple) !== 0) {
        return false;
      }
      return checker.getPropertyOfType(type, 'then') === undefined;
    }
    return (type.flags & TypeFlags.Union) !== 0 && (type as ts.UnionType).types.every(surelyNotAwaitable);
  };
  let known = promiseLikeByChecker.get(checker);
  if (known === undefined) promiseLikeByChecker.set(checker, known = new Map());
  const cache = known;
  /**
   * The type whose answer stands for this one's: the generic class or interface of a reference that
   * is no tuple (a tuple's target is neither). `APIPromise<Page<A>>`, `APIPromise<Page<B>>`, … are
   * one question, not one each: every instantiation would otherwise have its members resolved,
   * `then` included, only to give the same answer. (Only `then`'s type could tell instantiations
   * apart; an answer off by that would just record a call more or less, never change what the
   * program does.)
   */
  const cacheKey = (type: ts.Type): ts.Type => {
    if (type.flags !== TypeFlags.Object || ((type as ts.ObjectType).objectFlags & ObjectFlags.Reference) === 0) return type;
    const target = (type as ts.TypeReference).target;
    return (target.objectFlags & ObjectFlags.ClassOrInterface) !== 0 ? target : type;
  };
  const isPromiseLike = (type: ts.Type): boolean => {
    if ((type.flags & plainFlags) === type.flags) return false;
    const key = cacheKey(type);
    let promiseLike = cache.get(key);
    if (promiseLike === undefined) {
      // The checker's own notion of "what `await` unwraps": differs from the type exactly for thenables.
      const awaited = surelyNotAwaitable(type) ? type : checker.getAwaitedType(type);
      promiseLike = awaited !== undefined && awaited !== type;
      cache.set(key, promiseLike);
    }
    return promiseLike;
  };
  return {
    // The call's type is worked out here rather than in a helper of its own: V8 optimizes a function
    // under 81 bytes of bytecode at its first tick, and this method and such a helper, each run once
    // per call of the program, were both compiled with the checker's signature lookup inlined. On
    // openai's ~1 840 calls that compile cost more than it saved: 0.075 × 10⁹ instructions of a `tspc`
    // build (docs/benchmarks.md, "Session 14"). As one larger function it stays in baseline code unless
    // a build has many more calls.
    shouldWrap(call, inAsync) {
      if (!isWrappable(tsi, call)) return false;
      // The return type of the signature the checker resolved for the call. The checker keeps that
      // signature from type checking, so this is a cache lookup; `getTypeAtLocation(call)` would check
      // the callee expression again (flow narrowing included) for every call in the program. The two
      // differ by the `undefined` an optional chain adds, which does not change promise-likeness, and
      // in JavaScript files (`require(…)` is typed by the module it loads, expando functions by their
      // properties), where the call's own type is asked for.
      const signature = (call.flags & NodeFlags.JavaScriptFile) === 0 ? checker.getResolvedSignature(call) : undefined;
      const type = signature === undefined ? checker.getTypeAtLocation(call) : checker.getReturnTypeOfSignature(signature);
      // An `any` may be a promise, as every call is to the syntactic policy inside an async function:
      // unwrapped, an async function it started would be claimed by the next wrapped call instead.
      if (inAsync && (type.flags & (TypeFlags.Any | TypeFlags.Unknown)) !== 0) return true;
      return isPromiseLike(type);
    },
  };
}

/** Names bound to async functions anywhere in the file (`async function f`, `const f = async () => …`). */
function asyncFunctionNames(tsi: typeof ts, sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const walk = (node: ts.Node): void => {
    if (tsi.isFunctionDeclaration(node) && node.name !== undefined && node.body !== undefined && hasAsyncModifier(tsi, node)) {
      names.add(node.name.text);
    } else if (tsi.isVariableDeclaration(node) && tsi.isIdentifier(node.name) && node.initializer !== undefined
      && (tsi.isArrowFunction(node.initializer) || tsi.isFunctionExpression(node.initializer))
      && hasAsyncModifier(tsi, node.initializer)) {
      names.add(node.name.text);
    }
    tsi.forEachChild(node, walk);
  };
  walk(sourceFile);
  return names;
}

export function syntacticCallPolicy(tsi: typeof ts, sourceFile: ts.SourceFile): CallPolicy {
  let known: Set<string> | undefined;
  return {
    shouldWrap(call, inAsync) {
      if (!isWrappable(tsi, call)) return false;
      const callee = call.expression;
      if (tsi.isIdentifier(callee) && callee.text === 'require') return false;
      if (inAsync) return true;
      if (!tsi.isIdentifier(callee)) return false;
      known ??= asyncFunctionNames(tsi, sourceFile);
      return known.has(callee.text);
    },
  };
}

const REACTIONS = new Set(['then', 'catch', 'finally']);
const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

function isAsyncFunction(tsi: typeof ts, node: ts.Node): boolean {
  return tsi.isFunctionLike(node) && hasAsyncModifier(tsi, node);
}

function enclosingFunction(tsi: typeof ts, node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n !== undefined; n = n.parent) if (tsi.isFunctionLike(n)) return n;
  return undefined;
}

/** `Promise.all(…)`, `Promise.allSettled(…)`, `Promise.race(…)`, `Promise.any(…)`. */
function isCombinator(tsi: typeof ts, callee: ts.Expression): boolean {
  return tsi.isPropertyAccessExpression(callee) && tsi.isIdentifier(callee.expression)
    && callee.expression.text === 'Promise' && COMBINATORS.has(callee.name.text);
}

/** `x.then(…)`, `x.catch(…)`, `x.finally(…)` with `node` as `x`: a reaction attached in the same expression. */
function isReactionTarget(tsi: typeof ts, node: ts.Node, parent: ts.Node): boolean {
  return tsi.isPropertyAccessExpression(parent) && parent.expression === node && REACTIONS.has(parent.name.text)
    && parent.parent !== undefined && tsi.isCallExpression(parent.parent) && parent.parent.expression === parent;
}

/**
 * What the source does with a wrapped call's value, decided on syntax alone (docs/internals.md,
 * "Call site kinds"): awaited, reaction attached in the same expression, returned from an async
 * function, element of a `Promise.all([…])`-style array, voided, dropped (`f();`), itself a
 * then/catch/finally call, or — `Call` — stored, passed on or anything else. Looks through
 * parentheses, type assertions, conditional branches and the value operands of `||`, `??`, `&&`, `,`.
 */
export function callSiteKind(tsi: typeof ts, call: ts.CallExpression): SiteKind {
  const { SyntaxKind } = tsi;
  // `p.then(…)` itself: its value is a derived promise, a handled chain rather than new work.
  if (tsi.isPropertyAccessExpression(call.expression) && REACTIONS.has(call.expression.name.text)) return SiteKind.DerivedCall;
  let node: ts.Node = call;
  let parent = node.parent;
  while (parent !== undefined) {
    if (tsi.isParenthesizedExpression(parent) || tsi.isAsExpression(parent) || tsi.isNonNullExpression(parent)
      || tsi.isSatisfiesExpression(parent) || tsi.isTypeAssertionExpression(parent)
      || (tsi.isConditionalExpression(parent) && parent.condition !== node)) {
      node = parent;
      parent = parent.parent;
      continue;
    }
    if (tsi.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op === SyntaxKind.CommaToken && parent.left === node) return SiteKind.DroppedCall;
      // A promise is truthy and not nullish: `f() || x` and `f() ?? x` are `f()`; `f() && x` is `x`.
      const value = op === SyntaxKind.CommaToken || op === SyntaxKind.AmpersandAmpersandToken
        ? parent.right === node
        : op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken;
      if (value) {
        node = parent;
        parent = parent.parent;
        continue;
      }
    }
    break;
  }
  if (parent === undefined) return SiteKind.Call;
  if (tsi.isAwaitExpression(parent)) return SiteKind.AwaitedCall;
  if (tsi.isVoidExpression(parent)) return SiteKind.VoidedCall;
  if (tsi.isExpressionStatement(parent)) return SiteKind.DroppedCall;
  if (isReactionTarget(tsi, node, parent)) return SiteKind.ReactedCall;
  // An async function resolves its own promise with a returned one, which attaches a reaction.
  if (tsi.isReturnStatement(parent)) {
    const fn = enclosingFunction(tsi, parent);
    return fn !== undefined && isAsyncFunction(tsi, fn) ? SiteKind.ReturnedCall : SiteKind.Call;
  }
  if (tsi.isArrowFunction(parent) && parent.body === node) {
    return isAsyncFunction(tsi, parent) ? SiteKind.ReturnedCall : SiteKind.Call;
  }
  // An async generator awaits what it yields.
  if (tsi.isYieldExpression(parent) && parent.asteriskToken === undefined) {
    const fn = enclosingFunction(tsi, parent);
    return fn !== undefined && isAsyncFunction(tsi, fn) ? SiteKind.AwaitedCall : SiteKind.Call;
  }
  if (tsi.isArrayLiteralExpression(parent) && parent.parent !== undefined && tsi.isCallExpression(parent.parent)
    && parent.parent.arguments.includes(parent as ts.Expression) && isCombinator(tsi, parent.parent.expression)) {
    return SiteKind.CombinedCall;
  }
  return SiteKind.Call;
}

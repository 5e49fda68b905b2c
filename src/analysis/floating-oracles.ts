/**
 * The two answers to "is this value a promise?" for no-floating-promises: one from the TypeScript checker,
 * one from syntax alone (used when there is no type information, and for values typed `any`).
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isBuiltinSymbolLike, type TypeOrValueSpecifier, typeMatchesSomeSpecifier } from '@typescript-eslint/type-utils';
import * as tsutils from 'ts-api-utils';
import * as ts from 'typescript';
import { expressionType } from './expression-types';
import type { TypeServices } from './types';
import type { PromiseOracle, ValueKind } from './floating-analysis';
import {
  isArrayProducingCall,
  isCertainlyNotCallable,
  isFunctionExpression,
  isProvenPromise,
  parsePromiseMethodCall,
  skipValueWrappers,
} from './floating-syntax';

type GetScope = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/**
 * `false`: only Promise (and subclasses). `'PromiseLike'`: also the built-in PromiseLike and interfaces
 * extending it (vscode's `Thenable`, query builders). `true`: any value whose `then` takes two callbacks.
 */
export type ThenableMode = boolean | 'PromiseLike';

export interface OracleOptions {
  readonly checkThenables: ThenableMode;
  readonly allowForKnownSafePromises: readonly TypeOrValueSpecifier[];
}

/** Without types: `[asyncCall(), …]` and `xs.map(async …)` are arrays of promises. */
function isProvenPromiseArray(node: TSESTree.Expression, getScope: GetScope): boolean {
  const inner = skipValueWrappers(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node);
  if (inner.type === AST_NODE_TYPES.ArrayExpression) {
    return inner.elements.some(
      (element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isProvenPromise(element, getScope),
    );
  }
  if (!isArrayProducingCall(inner)) return false;
  const [callback] = inner.arguments;
  return callback !== undefined && isFunctionExpression(callback) && callback.async;
}

export function createSyntaxOracle(getScope: GetScope): PromiseOracle {
  return {
    classify: (node) => classifyBySyntax(node, getScope),
    isHandler: (node) => !isCertainlyNotCallable(node),
    // What syntax proves a promise (an async call, `.then()`) or an array of them is one; `null` and
    // `undefined` are nullish (a branch of `cond ? f() : null`).
    everyPart: (node, kind) => (isNullishLiteral(node, getScope) ? 'orNullish' : classifyBySyntax(node, getScope) === kind ? 'all' : 'no'),
  };
}

function isNullishLiteral(node: TSESTree.Expression, getScope: GetScope): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return node.value === null && !('regex' in node) && !('bigint' in node);
  if (node.type === AST_NODE_TYPES.UnaryExpression) return node.operator === 'void';
  if (node.type !== AST_NODE_TYPES.Identifier || node.name !== 'undefined') return false;
  // Not shadowed: a local `undefined` may hold anything.
  const variable = ASTUtils.findVariable(getScope(node), node);
  return variable === null || variable.defs.length === 0;
}

function classifyBySyntax(node: TSESTree.Expression, getScope: GetScope): ValueKind {
  if (isProvenPromiseArray(node, getScope)) return 'array';
  return isProvenPromise(node, getScope) ? 'promise' : 'none';
}

const NULLISH_FLAGS = ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null;
const NEVER_PROMISE_FLAGS =
  ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never | ts.TypeFlags.Unknown
  | ts.TypeFlags.BooleanLike | ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BigIntLike
  | ts.TypeFlags.ESSymbolLike;

function isFunctionParameter(checker: ts.TypeChecker, parameter: ts.Symbol, location: ts.Node): boolean {
  const type = checker.getApparentType(checker.getTypeOfSymbolAtLocation(parameter, location));
  return tsutils.unionConstituents(type).some((part) => part.getCallSignatures().length > 0);
}

/** A `then` that takes two callbacks: the shape of a thenable that can report rejection. */
function hasRejectableThen(checker: ts.TypeChecker, type: ts.Type, location: ts.Node): boolean {
  const then = type.getProperty('then');
  if (!then) return false;
  const thenType = checker.getTypeOfSymbolAtLocation(then, location);
  return tsutils.unionConstituents(thenType).some((part) =>
    part.getCallSignatures().some((signature) => {
      const [onFulfilled, onRejected] = signature.parameters;
      return onRejected !== undefined && isFunctionParameter(checker, onFulfilled, location)
        && isFunctionParameter(checker, onRejected, location);
    }),
  );
}

export function createTypeOracle(services: TypeServices, getScope: GetScope, options: OracleOptions): PromiseOracle {
  const { checker, program } = services;
  const builtinNames = options.checkThenables === false ? 'Promise' : ['Promise', 'PromiseLike'];
  const safePromises = options.allowForKnownSafePromises as TypeOrValueSpecifier[];
  const typeCache = new WeakMap<TSESTree.Node, ts.Type>();

  function typeOf(node: TSESTree.Node): ts.Type {
    let type = typeCache.get(node);
    if (!type) {
      try {
        type = expressionType(services, node);
      } catch {
        // The checker can throw on some malformed trees (typescript-eslint#11947); `any` means "ask syntax".
        type = checker.getAnyType();
      }
      typeCache.set(node, type);
    }
    return type;
  }

  function isPromiseType(type: ts.Type, location: TSESTree.Node): boolean {
    if (type.flags & NEVER_PROMISE_FLAGS) return false;
    const parts = tsutils.unionConstituents(checker.getApparentType(type));
    if (!parts.some((part) => !(part.flags & NEVER_PROMISE_FLAGS))) return false;
    // A promise, a subclass or a thenable has a `then` member: a cached member lookup rules out most
    // object types before walking their base types for a built-in Promise.
    if (!parts.some((part) => checker.getPropertyOfType(part, 'then') !== undefined)) return false;
    if (safePromises.length > 0 && typeMatchesSomeSpecifier(type, safePromises, program)) return false;
    if (parts.some((part) => isBuiltinSymbolLike(program, part, builtinNames))) return true;
    if (options.checkThenables !== true) return false;
    const tsNode = services.tsNode(location);
    return parts.some((part) => hasRejectableThen(checker, part, tsNode));
  }

  function classifyType(type: ts.Type, location: TSESTree.Node): ValueKind {
    if (type.flags & NEVER_PROMISE_FLAGS) return 'none';
    if (isPromiseArrayType(type, location)) return 'array';
    return isPromiseType(type, location) ? 'promise' : 'none';
  }

  function isPromiseArrayType(type: ts.Type, location: TSESTree.Node): boolean {
    if (!(type.flags & ts.TypeFlags.Object) && !type.isUnion() && !type.isIntersection()) return false;
    for (const part of tsutils.unionConstituents(type)) {
      const apparent = checker.getApparentType(part);
      if (!checker.isArrayType(apparent) && !checker.isTupleType(apparent)) continue;
      const elements = checker.getTypeArguments(apparent as ts.TypeReference);
      if (elements.some((element) => isPromiseType(element, location))) return true;
    }
    return false;
  }

  /** `this` as a declared return type (fluent APIs such as `emitter.on(...)`) stands for the receiver. */
  function isThisType(type: ts.Type): boolean {
    return (type.flags & ts.TypeFlags.TypeParameter) !== 0 && (type as { isThisType?: boolean }).isThisType === true;
  }

  /** Instantiating a generic signature cannot turn this return type into a promise (or make it stop being one). */
  function isInstantiationInvariant(type: ts.Type): boolean {
    if (type.flags & NEVER_PROMISE_FLAGS) return true;
    if (type.isUnion()) return type.types.every(isInstantiationInvariant);
    if (!(type.flags & ts.TypeFlags.Object)) return false;
    const objectFlags = (type as ts.ObjectType).objectFlags;
    if (!(objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface))) return false;
    return !(objectFlags & ts.ObjectFlags.Reference) || checker.getTypeArguments(type as ts.TypeReference).length === 0;
  }

  /**
   * Resolving a call (overloads, inference, contextually typed callbacks) is what makes type queries slow.
   * When every signature of the callee agrees on the kind of its declared return type, and instantiating
   * type parameters cannot change that kind, it is the answer without resolving the call itself.
   */
  function classifyBySignatures(call: TSESTree.CallExpression): ValueKind | undefined {
    const calleeType = typeOf(call.callee);
    if (calleeType.flags & ts.TypeFlags.Any) return undefined;
    let agreed: ValueKind | undefined;
    for (const part of tsutils.unionConstituents(calleeType)) {
      for (const signature of checker.getApparentType(part).getCallSignatures()) {
        const returnType = signature.getReturnType();
        let kind: ValueKind;
        if (isThisType(returnType) && call.callee.type === AST_NODE_TYPES.MemberExpression) {
          const receiver = typeOf(call.callee.object);
          if (receiver.flags & ts.TypeFlags.Any) return undefined;
          kind = classifyType(receiver, call);
        } else {
          if (returnType.flags & (ts.TypeFlags.Any | ts.TypeFlags.TypeVariable)) return undefined;
          if (signature.typeParameters?.length && !isInstantiationInvariant(returnType)) return undefined;
          kind = classifyType(returnType, call);
        }
        if (agreed !== undefined && agreed !== kind) return undefined;
        agreed = kind;
      }
    }
    return agreed;
  }

  /** `p.then(…)`, `p.catch(…)`, `p.finally(…)` on a promise give a promise: no need to resolve the generic `then`. */
  function classifyPromiseMethodCall(call: TSESTree.CallExpression): ValueKind | undefined {
    if (!parsePromiseMethodCall(call)) return undefined;
    const receiver = (call.callee as TSESTree.MemberExpression).object as TSESTree.Expression;
    return classifyNode(receiver) === 'promise' ? 'promise' : undefined;
  }

  function classifyNode(node: TSESTree.Expression): ValueKind {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type !== AST_NODE_TYPES.Super) {
      const kind = classifyPromiseMethodCall(node) ?? classifyBySignatures(node);
      if (kind !== undefined) return kind;
    }
    const type = typeOf(node);
    if (type.flags & ts.TypeFlags.Any) return classifyBySyntax(node, getScope);
    return classifyType(type, node);
  }

  return {
    classify: classifyNode,
    isHandler(node) {
      const type = typeOf(node);
      if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return !isCertainlyNotCallable(node);
      return tsutils.unionConstituents(checker.getApparentType(type)).some((part) => part.getCallSignatures().length > 0);
    },
    everyPart(node, kind) {
      const type = typeOf(node);
      // As classify does: what an `any` is, syntax may still prove.
      if (type.flags & ts.TypeFlags.Any) return classifyBySyntax(node, getScope) === kind ? 'all' : 'no';
      let nullish = false;
      for (const part of tsutils.unionConstituents(type)) {
        if (part.flags & NULLISH_FLAGS) nullish = true;
        else if (classifyType(part, node) !== kind) return 'no';
      }
      return nullish ? 'orNullish' : 'all';
    },
  };
}

/**
 * A promise-returning class method that overrides (or implements) a member typed to return
 * void: callers through the base type ignore the promise. Mirrors typescript-eslint's
 * `no-misused-promises` `voidReturnInheritedMethod`, for class methods only. Typed only.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import tsutils = require('ts-api-utils');
import ts = require('typescript');
import { returnsPromiseLike, type TypeServices } from './types';
import { returnShapeOf } from './void-callback-sites';
import { isVoidReturningFunctionType } from './void-expectation';

export interface InheritedVoidMember {
  /** The method's name. */
  name: string;
  /** The heritage type as written (`Lifecycle`, `Base<T>`). */
  owner: string;
}

/** Cheap syntax filter: only an `async` method or one with a return annotation can be promise-returning here. */
export function mayOverrideWithPromise(
  method: TSESTree.MethodDefinition,
): method is TSESTree.MethodDefinition & { value: TSESTree.FunctionExpression } {
  return (
    method.kind === 'method' &&
    method.value.type === AST_NODE_TYPES.FunctionExpression &&
    !method.static &&
    !method.computed &&
    method.key.type !== AST_NODE_TYPES.PrivateIdentifier &&
    !method.value.generator &&
    // A return annotation such as `void` or `string` rules a non-async method out before any type query.
    (method.value.async || (method.value.returnType !== undefined && returnShapeOf(method.value, true) !== 'never')) &&
    (method.parent.parent.type === AST_NODE_TYPES.ClassDeclaration ||
      method.parent.parent.type === AST_NODE_TYPES.ClassExpression) &&
    (method.parent.parent.superClass !== null || method.parent.parent.implements.length > 0)
  );
}

export function inheritedVoidMember(
  services: TypeServices,
  method: TSESTree.MethodDefinition,
): InheritedVoidMember | undefined {
  const name = ASTUtils.getPropertyName(method);
  if (name === null) return undefined;
  const { checker } = services;
  const location = services.tsNode(method);
  for (const { heritage, type } of heritageTypesOf(services, method.parent.parent)) {
    const member = checker.getPropertyOfType(type, name);
    if (!member) continue;
    const memberType = checker.getTypeOfSymbolAtLocation(member, location);
    // Most overridden members return a promise themselves: a flag test rules them out cheaply.
    if (!hasVoidSignature(memberType) || !isVoidReturningFunctionType(services, method, memberType)) continue;
    if (!method.value.async && !returnsPromiseLike(services, method.value)) return undefined;
    return { name, owner: heritage.expression.getText() };
  }
  return undefined;
}

function hasVoidSignature(type: ts.Type): boolean {
  return tsutils
    .unionConstituents(type)
    .some((part) => part.getCallSignatures().some((s) => tsutils.isTypeFlagSet(s.getReturnType(), ts.TypeFlags.Void)));
}

interface Heritage {
  heritage: ts.ExpressionWithTypeArguments;
  type: ts.Type;
}

/** Per class, shared by all its methods: the types named in `extends` and `implements`. */
const heritageCache = new WeakMap<TSESTree.Node, Heritage[]>();

function heritageTypesOf(services: TypeServices, classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Heritage[] {
  let heritages = heritageCache.get(classNode);
  if (!heritages) {
    const tsClass = services.tsNode(classNode) as ts.ClassLikeDeclaration;
    heritages = (tsClass.heritageClauses ?? []).flatMap((clause) =>
      clause.types.map((heritage) => ({ heritage, type: services.checker.getTypeAtLocation(heritage) })),
    );
    heritageCache.set(classNode, heritages);
  }
  return heritages;
}

/**
 * A promise-returning class method, or a class property (or `accessor` field) holding a
 * promise-returning function, that overrides (or implements) a member typed to return void, and an
 * interface member typed to return a promise where an interface it extends says void: callers
 * through the base type ignore the promise. Mirrors typescript-eslint's `no-misused-promises`
 * `voidReturnInheritedMethod`. Typed only.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
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

/** A class member whose value is a function: a method, or a property or `accessor` field initialized with one. */
export type FunctionMember =
  | (TSESTree.MethodDefinition & { value: TSESTree.FunctionExpression })
  | ((TSESTree.PropertyDefinition | TSESTree.AccessorProperty) & { value: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression });

/**
 * Cheap syntax filter: only an `async` function or one with a return annotation can be
 * promise-returning here. A property with a type annotation is left to the annotation's check (the
 * initializer is typed against it).
 */
export function mayOverrideWithPromise(
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
): member is FunctionMember {
  const fn = member.value;
  if (member.type === AST_NODE_TYPES.MethodDefinition) {
    if (member.kind !== 'method' || fn?.type !== AST_NODE_TYPES.FunctionExpression) return false;
  } else if (
    member.typeAnnotation !== undefined ||
    (fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression)
  ) {
    return false;
  }
  return (
    !member.static &&
    !member.computed &&
    member.key.type !== AST_NODE_TYPES.PrivateIdentifier &&
    !fn.generator &&
    // A return annotation such as `void` or `string` rules a non-async function out before any type query.
    (fn.async || (fn.returnType !== undefined && returnShapeOf(fn, true) !== 'never')) &&
    (member.parent.parent.type === AST_NODE_TYPES.ClassDeclaration ||
      member.parent.parent.type === AST_NODE_TYPES.ClassExpression) &&
    (member.parent.parent.superClass !== null || member.parent.parent.implements.length > 0)
  );
}

export function inheritedVoidMember(
  services: TypeServices,
  method: FunctionMember,
): InheritedVoidMember | undefined {
  return voidBaseMember(services, method, method.parent.parent, () =>
    method.value.async || returnsPromiseLike(services, method.value),
  );
}

/**
 * The first member of `owner`'s `extends`/`implements` types with `node`'s name whose call signatures
 * all return void, if `returnsPromise()` (asked only then) says `node` returns a promise.
 */
function voidBaseMember(
  services: TypeServices,
  node: FunctionMember | SignatureMember,
  owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.TSInterfaceDeclaration,
  returnsPromise: () => boolean,
): InheritedVoidMember | undefined {
  const name = keyName(node.key);
  if (name === null) return undefined;
  const { checker } = services;
  const location = services.tsNode(node);
  for (const { heritage, type } of heritageTypesOf(services, owner)) {
    const member = checker.getPropertyOfType(type, name);
    if (!member) continue;
    const memberType = checker.getTypeOfSymbolAtLocation(member, location);
    // Most overridden members return a promise themselves: a flag test rules them out cheaply.
    if (!hasVoidSignature(memberType) || !isVoidReturningFunctionType(services, node, memberType)) continue;
    if (!returnsPromise()) return undefined;
    return { name, owner: heritage.expression.getText() };
  }
  return undefined;
}

/** An interface member declared to return something: a method signature, or a property typed as a function. */
export type SignatureMember = TSESTree.TSMethodSignature | TSESTree.TSPropertySignature;

/**
 * Cheap syntax filter for an interface that extends another: a method signature with a return
 * annotation, or a property whose annotation is a function type, not computed.
 */
export function maySignPromise(member: TSESTree.TypeElement): member is SignatureMember {
  if (member.type === AST_NODE_TYPES.TSMethodSignature) {
    return member.kind === 'method' && !member.computed && member.returnType !== undefined;
  }
  return (
    member.type === AST_NODE_TYPES.TSPropertySignature &&
    !member.computed &&
    member.typeAnnotation?.typeAnnotation.type === AST_NODE_TYPES.TSFunctionType
  );
}

/**
 * An interface member typed to return a promise where an interface it extends types the same
 * member to return void: code written against the base interface ignores the promise.
 */
export function inheritedVoidSignature(
  services: TypeServices,
  member: SignatureMember,
  declaration: TSESTree.TSInterfaceDeclaration,
): InheritedVoidMember | undefined {
  return voidBaseMember(services, member, declaration, () =>
    returnsPromiseLike(services, member, services.checker.getTypeAtLocation(services.tsNode(member))),
  );
}

/**
 * A non-computed member key's name (both filters leave computed keys out). ASTUtils.getPropertyName
 * knows neither `accessor` fields nor interface members: it returns null for them.
 */
function keyName(key: TSESTree.Node): string | null {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal ? String(key.value) : null;
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

/** Per class or interface, shared by all its members: the types named in `extends` and `implements`. */
const heritageCache = new WeakMap<TSESTree.Node, Heritage[]>();

function heritageTypesOf(
  services: TypeServices,
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.TSInterfaceDeclaration,
): Heritage[] {
  let heritages = heritageCache.get(classNode);
  if (!heritages) {
    const tsClass = services.tsNode(classNode) as ts.ClassLikeDeclaration | ts.InterfaceDeclaration;
    heritages = (tsClass.heritageClauses ?? []).flatMap((clause) =>
      clause.types.map((heritage) => ({ heritage, type: services.checker.getTypeAtLocation(heritage) })),
    );
    heritageCache.set(classNode, heritages);
  }
  return heritages;
}

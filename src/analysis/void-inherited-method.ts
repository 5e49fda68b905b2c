/**
 * A promise-returning class method that overrides (or implements) a member typed to return
 * void: callers through the base type ignore the promise. Mirrors typescript-eslint's
 * `no-misused-promises` `voidReturnInheritedMethod`, for class methods only. Typed only.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import ts = require('typescript');
import { returnsPromiseLike, type TypeServices } from './types';
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
    (method.value.async || method.value.returnType !== undefined) &&
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
  if (!method.value.async && !returnsPromiseLike(services, method.value)) return undefined;
  const { checker } = services;
  const classNode = services.tsNode(method.parent.parent) as ts.ClassLikeDeclaration;
  const location = services.tsNode(method);
  for (const clause of classNode.heritageClauses ?? []) {
    for (const heritage of clause.types) {
      const heritageType = checker.getTypeAtLocation(heritage);
      const member = checker.getPropertyOfType(heritageType, name);
      if (!member) continue;
      const memberType = checker.getTypeOfSymbolAtLocation(member, location);
      if (isVoidReturningFunctionType(services, method, memberType)) {
        return { name, owner: heritage.expression.getText() };
      }
    }
  }
  return undefined;
}

/**
 * Type questions every rule asks, answered through the checker (never by name).
 * Rules call `getTypeServices` once per file; `undefined` means "no type information":
 * the rule then falls back to what syntax alone proves.
 */
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isBuiltinSymbolLike } from '@typescript-eslint/type-utils';
import * as tsutils from 'ts-api-utils';
import type * as ts from 'typescript';
import { warnOnceIfNodeTypesMissing } from './node-types-check';

export interface TypeServices {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly parserServices: ParserServicesWithTypeInformation;
  /** The TypeScript node behind an ESTree node. */
  tsNode(node: TSESTree.Node): ts.Node;
  /** The type of an expression, with generics resolved to their constraint. */
  typeOf(node: TSESTree.Node): ts.Type;
}

export function getTypeServices(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): TypeServices | undefined {
  const parserServices = context.sourceCode.parserServices;
  if (!parserServices?.program || !parserServices.esTreeNodeToTSNodeMap) return undefined;
  const typed = parserServices as ParserServicesWithTypeInformation;
  const checker = typed.program.getTypeChecker();
  warnOnceIfNodeTypesMissing(typed.program, checker);
  return {
    program: typed.program,
    checker,
    parserServices: typed,
    tsNode: (node) => typed.esTreeNodeToTSNodeMap.get(node),
    typeOf: (node) => typed.getTypeAtLocation(node),
  };
}

export interface PromiseLikeOptions {
  /** Count any object with a callable `then` (PromiseLike, custom thenables), not only Promise. */
  readonly thenables: boolean;
}

/** Promise, PromiseLike or a subclass; with `thenables`, anything with a callable `then`. Unions count if any part does. */
export function isPromiseLikeType(
  services: TypeServices,
  node: TSESTree.Node,
  type: ts.Type = services.typeOf(node),
  options: PromiseLikeOptions = { thenables: true },
): boolean {
  const tsNode = services.tsNode(node);
  for (const part of tsutils.unionConstituents(services.checker.getApparentType(type))) {
    if (isBuiltinSymbolLike(services.program, part, ['Promise', 'PromiseLike'])) {
      if (options.thenables || isBuiltinSymbolLike(services.program, part, 'Promise')) return true;
      continue;
    }
    if (options.thenables && tsutils.isThenableType(services.checker, tsNode, part)) return true;
  }
  return false;
}

/** Some call signature of `type` returns a promise-like value. */
export function returnsPromiseLike(
  services: TypeServices,
  node: TSESTree.Node,
  type: ts.Type = services.typeOf(node),
  options: PromiseLikeOptions = { thenables: true },
): boolean {
  for (const part of tsutils.unionConstituents(services.checker.getApparentType(type))) {
    for (const signature of part.getCallSignatures()) {
      if (isPromiseLikeType(services, node, signature.getReturnType(), options)) return true;
    }
  }
  return false;
}

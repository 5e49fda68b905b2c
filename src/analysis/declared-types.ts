/**
 * What declarations say about a value or a callee without inferring anything: the symbol's
 * declared type (cached by the checker once per symbol) and its annotation, never the flow type
 * of the expression, which the checker recomputes on every request by walking the function's
 * control flow back to the declaration. Narrowing only ever removes parts of a declared type,
 * so a declared type with no callable part rules a value out exactly; the one thing it cannot
 * see is a user-defined type guard that intersects a non-function type with a function.
 */
import { type TSESTree } from '@typescript-eslint/utils';
// Bound without namespace getters (see void-expectation.ts).
import tsutils = require('ts-api-utils');
import ts = require('typescript');
import { isPromiseLikeType, type TypeServices } from './types';

/**
 * `isPromiseLikeType` behind a cheap test: a promise, a subclass of one or a thenable has a `then`
 * member, and looking a member up is cached per type, whereas the built-in test walks base types.
 */
export function isPromiseLikeResult(services: TypeServices, node: TSESTree.Node, type: ts.Type): boolean {
  const { checker } = services;
  if (!tsutils.unionConstituents(checker.getApparentType(type)).some((part) => checker.getPropertyOfType(part, 'then'))) return false;
  return isPromiseLikeType(services, node, type);
}

/** Some call signature of `type` (not its apparent type) returns something promise-like. */
export function returnsPromiseType(services: TypeServices, node: TSESTree.Node, type: ts.Type): boolean {
  for (const part of tsutils.unionConstituents(type)) {
    for (const signature of part.getCallSignatures()) {
      if (isPromiseLikeResult(services, node, signature.getReturnType())) return true;
    }
  }
  return false;
}

/**
 * What the declaration behind an identifier says about calling it, read from the symbol and
 * its type annotation without inferring anything: `'promise'` (an async function, or a type
 * whose call signatures return a promise), `'never'` (an annotated non-function, a class, a
 * literal), or `'unknown'` when only inference can tell.
 */
export function declaredCallResult(
  services: TypeServices,
  identifier: TSESTree.Identifier,
  declaredName?: TSESTree.Identifier,
): 'promise' | 'never' | 'unknown' {
  const { checker } = services;
  const declaration = declaredName ? soleDeclarationOf(services, declaredName) : resolvedDeclarationOf(services, identifier);
  if (!declaration) return 'unknown';
  // JavaScript declares its types in JSDoc, which this reading does not see.
  if (/\.[cm]?jsx?$/.test(declaration.getSourceFile().fileName)) return 'unknown';
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) {
    if (declaration.asteriskToken) return 'never';
    if (declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return 'promise';
    if (!declaration.type) return 'unknown';
    return isPromiseLikeType(services, identifier, checker.getTypeFromTypeNode(declaration.type)) ? 'promise' : 'never';
  }
  if (
    ts.isVariableDeclaration(declaration) ||
    ts.isParameter(declaration) ||
    ts.isPropertyDeclaration(declaration) ||
    ts.isPropertySignature(declaration)
  ) {
    if (declaration.type) {
      return returnsPromiseType(services, identifier, checker.getApparentType(checker.getTypeFromTypeNode(declaration.type)))
        ? 'promise'
        : 'never';
    }
    // An unannotated parameter of a declaration (not a contextually typed callback) is `any`.
    if (ts.isParameter(declaration) && !declaration.initializer && !isContextuallyTyped(declaration.parent)) return 'never';
    const initializer = ts.isPropertySignature(declaration) ? undefined : declaration.initializer;
    if (initializer && isNeverCallableExpression(initializer)) return 'never';
    // Unannotated: the type inferred once for the declaration (`const n = items.length`).
    const symbol = ts.isIdentifier(declaration.name) ? checker.getSymbolAtLocation(declaration.name) : undefined;
    return symbol && !mayBeCallable(checker, checker.getTypeOfSymbol(symbol)) ? 'never' : 'unknown';
  }
  if (ts.isClassDeclaration(declaration) || ts.isEnumDeclaration(declaration) || ts.isModuleDeclaration(declaration)) {
    return 'never';
  }
  return 'unknown';
}

/** The value declaration behind a reference, through the checker (imports and globals included). */
function resolvedDeclarationOf(services: TypeServices, identifier: TSESTree.Identifier): ts.Declaration | undefined {
  const { checker } = services;
  const tsIdentifier = services.tsNode(identifier);
  let symbol =
    ts.isShorthandPropertyAssignment(tsIdentifier.parent) && tsIdentifier.parent.name === tsIdentifier
      ? checker.getShorthandAssignmentValueSymbol(tsIdentifier.parent)
      : checker.getSymbolAtLocation(tsIdentifier);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (!symbol || (symbol.declarations?.length ?? 0) > 1) return undefined;
  return symbol.valueDeclaration;
}

/**
 * The declaration whose name is `declaredName`, read off the syntax tree: the scope analysis
 * already resolved the reference to it, which spares the checker's name resolution.
 */
function soleDeclarationOf(services: TypeServices, declaredName: TSESTree.Identifier): ts.Declaration | undefined {
  const name = services.tsNode(declaredName);
  const parent = name.parent as ts.NamedDeclaration | undefined;
  return parent?.name === name ? parent : undefined;
}

function isContextuallyTyped(fn: ts.Node): boolean {
  return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent));
}

const ARITHMETIC_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** Initializers whose value is never something callable: literals, `new X()`, arithmetic. */
function isNeverCallableExpression(node: ts.Expression): boolean {
  return (
    ts.isLiteralExpression(node) ||
    ts.isObjectLiteralExpression(node) ||
    ts.isArrayLiteralExpression(node) ||
    ts.isTemplateExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isPrefixUnaryExpression(node) ||
    ts.isPostfixUnaryExpression(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isBinaryExpression(node) && ARITHMETIC_OPERATORS.has(node.operatorToken.kind))
  );
}

/**
 * Some part of `type` is, or could be narrowed into, something callable. `any`, `unknown`,
 * `object` and type parameters count as callable: narrowing can turn them into functions.
 */
export function mayBeCallable(checker: ts.TypeChecker, type: ts.Type): boolean {
  for (const part of tsutils.unionConstituents(type)) {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Instantiable)) return true;
    if (part.getCallSignatures().length > 0 || checker.getApparentType(part).getCallSignatures().length > 0) return true;
  }
  return false;
}

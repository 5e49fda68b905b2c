/**
 * The compiler module as the transform reads it. TypeScript's bundle serves each export through a
 * getter on a dictionary-mode object, so every `tsi.isBlock(node)` costs a hash lookup and a call,
 * most of it in code that runs once per build and never gets optimized: one emit of a 160-file
 * project read members ~80 000 times. The members the transform uses are read once per transformer
 * into a plain object (fast properties) whose prototype is the module itself, so it is still the
 * whole module: a member missing from the list below is only slower, never absent.
 */
import type * as ts from 'typescript';

/**
 * TypeScript 7, the native compiler, is published as `typescript` too, and its main export is its
 * version and nothing else: without this check the first use of `SyntaxKind` would fail with a
 * `TypeError` that names neither the version nor the way out.
 */
function assertCompilerApi(tsi: typeof ts, bound: Pick<typeof ts, 'SyntaxKind' | 'forEachChild' | 'visitEachChild'>): void {
  // The members are checked on the bound copy: each member of the module is read once per transformer.
  if (typeof bound.visitEachChild === 'function' && typeof bound.forEachChild === 'function' && bound.SyntaxKind !== undefined) return;
  const given: unknown = (tsi as Partial<typeof ts>).version;
  const version = typeof given === 'string' ? given : undefined;
  if (version !== undefined && Number.parseInt(version, 10) >= 7) {
    throw new Error(
      `loopwatch/transform: typescript ${version} is the native compiler and has no JavaScript compiler API; `
      + 'the transform needs TypeScript 5.x or 6.0 installed beside it (docs/compatibility.md, "TypeScript 7"), '
      + 'passed as the third argument of createTransformer() if `require("typescript")` is TypeScript 7',
    );
  }
  throw new Error(
    `loopwatch/transform: the module given as typescript${version === undefined ? '' : ` (version ${version})`} `
    + 'has no compiler API (no SyntaxKind, forEachChild or visitEachChild); pass the `typescript` module itself',
  );
}

/** Compiler functions the transform uses that typescript.d.ts does not declare; each may be missing. */
export interface CompilerInternals {
  /** The module kind TypeScript emits for these options, its defaults applied (they differ in TypeScript 6). */
  readonly getEmitModuleKind?: (options: ts.CompilerOptions) => ts.ModuleKind;
}

export function bindCompiler(tsi: typeof ts): typeof ts & CompilerInternals {
  // An object literal: V8 keeps its properties fast (copying in a loop would turn it into a dictionary).
  const bound = {
    SyntaxKind: tsi.SyntaxKind, NodeFlags: tsi.NodeFlags, TypeFlags: tsi.TypeFlags, ObjectFlags: tsi.ObjectFlags,
    SymbolFlags: tsi.SymbolFlags, ModuleKind: tsi.ModuleKind, ScriptTarget: tsi.ScriptTarget,
    GeneratedIdentifierFlags: tsi.GeneratedIdentifierFlags,
    forEachChild: tsi.forEachChild, visitEachChild: tsi.visitEachChild, visitNode: tsi.visitNode, visitNodes: tsi.visitNodes,
    setTextRange: tsi.setTextRange, canHaveModifiers: tsi.canHaveModifiers, getModifiers: tsi.getModifiers,
    isExternalModule: tsi.isExternalModule,
    // Internal (absent from typescript.d.ts) but in every TypeScript 5.x and 6.0: module-prologue.ts.
    getEmitModuleKind: (tsi as CompilerInternals).getEmitModuleKind,
    isArrayLiteralExpression: tsi.isArrayLiteralExpression, isArrowFunction: tsi.isArrowFunction,
    isAsExpression: tsi.isAsExpression, isAwaitExpression: tsi.isAwaitExpression, isBinaryExpression: tsi.isBinaryExpression,
    isBlock: tsi.isBlock, isCallExpression: tsi.isCallExpression, isCaseOrDefaultClause: tsi.isCaseOrDefaultClause,
    isClassDeclaration: tsi.isClassDeclaration, isClassExpression: tsi.isClassExpression, isClassLike: tsi.isClassLike,
    isClassStaticBlockDeclaration: tsi.isClassStaticBlockDeclaration, isComputedPropertyName: tsi.isComputedPropertyName,
    isConditionalExpression: tsi.isConditionalExpression, isEnumDeclaration: tsi.isEnumDeclaration,
    isExpression: tsi.isExpression, isExpressionStatement: tsi.isExpressionStatement, isForOfStatement: tsi.isForOfStatement,
    isFunctionDeclaration: tsi.isFunctionDeclaration, isFunctionExpression: tsi.isFunctionExpression,
    isFunctionLike: tsi.isFunctionLike, isIdentifier: tsi.isIdentifier, isImportEqualsDeclaration: tsi.isImportEqualsDeclaration,
    isLabeledStatement: tsi.isLabeledStatement, isMethodDeclaration: tsi.isMethodDeclaration, isModifierLike: tsi.isModifierLike,
    isModuleBlock: tsi.isModuleBlock, isModuleDeclaration: tsi.isModuleDeclaration,
    isNoSubstitutionTemplateLiteral: tsi.isNoSubstitutionTemplateLiteral, isNonNullExpression: tsi.isNonNullExpression,
    isNumericLiteral: tsi.isNumericLiteral, isOmittedExpression: tsi.isOmittedExpression, isParameter: tsi.isParameter,
    isParenthesizedExpression: tsi.isParenthesizedExpression, isPrivateIdentifier: tsi.isPrivateIdentifier,
    isPropertyAccessExpression: tsi.isPropertyAccessExpression, isPropertyAssignment: tsi.isPropertyAssignment,
    isPropertyDeclaration: tsi.isPropertyDeclaration, isPropertyName: tsi.isPropertyName,
    isReturnStatement: tsi.isReturnStatement, isSatisfiesExpression: tsi.isSatisfiesExpression, isSourceFile: tsi.isSourceFile,
    isStatement: tsi.isStatement, isStringLiteral: tsi.isStringLiteral, isThrowStatement: tsi.isThrowStatement,
    isTryStatement: tsi.isTryStatement, isTypeAssertionExpression: tsi.isTypeAssertionExpression, isTypeNode: tsi.isTypeNode,
    isVariableDeclaration: tsi.isVariableDeclaration, isVariableDeclarationList: tsi.isVariableDeclarationList,
    isVariableStatement: tsi.isVariableStatement, isVoidExpression: tsi.isVoidExpression, isYieldExpression: tsi.isYieldExpression,
  };
  assertCompilerApi(tsi, bound);
  return Object.setPrototypeOf(bound, tsi) as typeof ts & CompilerInternals;
}

/**
 * Which calls get `created(...)`: with a type checker, calls whose type the checker would await
 * (promise-like, thenables, unions with them); without one, calls inside async functions and calls
 * of async functions declared in the same file. Never calls whose wrapping could change meaning.
 */
import type * as ts from 'typescript';

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

export function typedCallPolicy(tsi: typeof ts, checker: ts.TypeChecker): CallPolicy {
  const isPromiseLike = (type: ts.Type): boolean => {
    if ((type.flags & (tsi.TypeFlags.Any | tsi.TypeFlags.Unknown | tsi.TypeFlags.Never)) !== 0) return false;
    // The checker's own notion of "what `await` unwraps": differs from the type exactly for thenables.
    const awaited = checker.getAwaitedType(type);
    return awaited !== undefined && awaited !== type;
  };
  return {
    shouldWrap(call) {
      if (!isWrappable(tsi, call)) return false;
      return isPromiseLike(checker.getTypeAtLocation(call));
    },
  };
}

/** Names bound to async functions anywhere in the file (`async function f`, `const f = async () => …`). */
function asyncFunctionNames(tsi: typeof ts, sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const isAsync = (node: ts.Node): boolean =>
    tsi.canHaveModifiers(node) && (tsi.getModifiers(node) ?? []).some((m) => m.kind === tsi.SyntaxKind.AsyncKeyword);
  const walk = (node: ts.Node): void => {
    if (tsi.isFunctionDeclaration(node) && node.name !== undefined && node.body !== undefined && isAsync(node)) {
      names.add(node.name.text);
    } else if (tsi.isVariableDeclaration(node) && tsi.isIdentifier(node.name) && node.initializer !== undefined
      && (tsi.isArrowFunction(node.initializer) || tsi.isFunctionExpression(node.initializer))
      && isAsync(node.initializer)) {
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

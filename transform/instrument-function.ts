/**
 * Statement-level rewrites inside one instrumented async function: the new body, resume at the top
 * of its own catch/finally blocks, and the best-effort park/resume around implicit suspensions
 * (`for await` iterations, `await using` disposal). Each rewrite keeps scoping and completion
 * values exactly: it only adds hook calls that return nothing the program reads.
 */
import type * as ts from 'typescript';
import type { HookCalls } from './hook-calls';

export type AsyncFunction =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration;

/** Whether a modifier list holds `async` (a decorator in it never has that kind). A loop: no closure per node walked. */
export function includesAsync(tsi: typeof ts, modifiers: readonly ts.ModifierLike[] | undefined): boolean {
  if (modifiers === undefined) return false;
  const asyncKeyword = tsi.SyntaxKind.AsyncKeyword;
  for (let i = 0; i < modifiers.length; i++) if (modifiers[i]!.kind === asyncKeyword) return true;
  return false;
}

export function hasAsyncModifier(tsi: typeof ts, node: ts.Node): boolean {
  return tsi.canHaveModifiers(node) && includesAsync(tsi, node.modifiers);
}

/** Async functions with a body: overloads, `declare` and abstract members have none and stay as they are. */
export function isInstrumentable(tsi: typeof ts, node: ts.Node): node is AsyncFunction {
  return (tsi.isFunctionDeclaration(node) || tsi.isFunctionExpression(node) || tsi.isArrowFunction(node)
    || tsi.isMethodDeclaration(node))
    && node.body !== undefined && hasAsyncModifier(tsi, node);
}

function bindingNames(tsi: typeof ts, name: ts.BindingName, names: string[]): void {
  if (tsi.isIdentifier(name)) names.push(name.text);
  else for (const element of name.elements) if (!tsi.isOmittedExpression(element)) bindingNames(tsi, element.name, names);
}

/** Names a function's own `var` declarations bind (nested functions and class bodies have their own). */
function varNames(tsi: typeof ts, body: ts.Node): string[] {
  const names: string[] = [];
  const bind = (name: ts.BindingName): void => bindingNames(tsi, name, names);
  const walk = (node: ts.Node): void => {
    if (tsi.isFunctionLike(node) || tsi.isClassLike(node)) return;
    if (tsi.isVariableDeclarationList(node) && (node.flags & tsi.NodeFlags.BlockScoped) === 0) {
      for (const declaration of node.declarations) bind(declaration.name);
    }
    tsi.forEachChild(node, walk);
  };
  tsi.forEachChild(body, walk);
  return names;
}

/**
 * Whether the body may move into a `try` block. A function's top level lets `function f` be declared
 * twice or next to `var f`; a block does not (SyntaxError). A top-level `function a` also replaces a
 * parameter `a` (and in sloppy code what `arguments[0]` reads), whereas one in a block is a binding
 * of its own. TypeScript rejects all three; plain JavaScript (allowJs) may contain them, and such a
 * function is then left uninstrumented.
 */
export function canWrapBody(tsi: typeof ts, fn: AsyncFunction): boolean {
  const body = fn.body;
  if (body === undefined || !tsi.isBlock(body)) return true;
  const functions = body.statements.filter(tsi.isFunctionDeclaration).flatMap((f) => (f.name ? [f.name.text] : []));
  if (functions.length === 0) return true;
  if (new Set(functions).size !== functions.length) return false;
  const bound = varNames(tsi, body);
  for (const parameter of fn.parameters) bindingNames(tsi, parameter.name, bound);
  // `function arguments` at the top replaces the arguments object; in a block it would not.
  bound.push('arguments');
  return !bound.some((name) => functions.includes(name));
}

/** Whether the function's own body (not nested functions) can suspend: await, yield, for await, await using. */
export function canSuspend(tsi: typeof ts, fn: AsyncFunction): boolean {
  const isGenerator = fn.asteriskToken !== undefined;
  const lastToken = tsi.SyntaxKind.LastToken;
  const walk = (node: ts.Node): boolean => {
    if (node.kind <= lastToken) return false;
    if (tsi.isFunctionLike(node) || tsi.isClassStaticBlockDeclaration(node)) return false;
    if (tsi.isAwaitExpression(node) || (isGenerator && tsi.isYieldExpression(node))) return true;
    if (tsi.isForOfStatement(node) && node.awaitModifier !== undefined) return true;
    if (tsi.isVariableDeclarationList(node) && isAwaitUsing(tsi, node)) return true;
    return tsi.forEachChild(node, walk) ?? false;
  };
  return fn.body !== undefined && walk(fn.body);
}

/**
 * Whether the function can exit where it returns instead of in a `finally` (HookCalls.body): an async
 * function (not a generator: a consumer's `return()` ends one at a `yield`) none of whose own returns
 * leaves code to run after it — no return inside a `try` with a `finally`, or inside a `for … of` (the
 * iterator is closed after the return value is computed, and `for await` awaits that) — and without
 * `using` declarations (disposed of, and for `await using` awaited, after the return value too).
 */
export function exitsAtReturns(tsi: typeof ts, fn: AsyncFunction): boolean {
  if (fn.asteriskToken !== undefined || fn.body === undefined) return false;
  const { NodeFlags } = tsi;
  const lastToken = tsi.SyntaxKind.LastToken;
  let exits = true;
  // One child callback per context rather than a closure per node; returning true stops forEachChild.
  const walkChild = (child: ts.Node): boolean => {
    walk(child, false);
    return !exits;
  };
  const walkChildBeforeCleanup = (child: ts.Node): boolean => {
    walk(child, true);
    return !exits;
  };
  const walk = (node: ts.Node, cleanupAfter: boolean): void => {
    // Tokens (identifiers, literals, keywords) are neither returns nor declaration lists, and have no children.
    if (!exits || node.kind <= lastToken || tsi.isFunctionLike(node) || tsi.isClassStaticBlockDeclaration(node)) return;
    if ((tsi.isReturnStatement(node) && cleanupAfter)
      || (tsi.isVariableDeclarationList(node) && (node.flags & NodeFlags.Using) !== 0)) {
      exits = false;
    } else if (tsi.isTryStatement(node) && node.finallyBlock !== undefined) {
      walk(node.tryBlock, true);
      if (node.catchClause !== undefined) walk(node.catchClause, true);
      walk(node.finallyBlock, cleanupAfter);
    } else if (tsi.isForOfStatement(node)) {
      walk(node.initializer, cleanupAfter);
      walk(node.expression, cleanupAfter);
      walk(node.statement, true);
    } else {
      tsi.forEachChild(node, cleanupAfter ? walkChildBeforeCleanup : walkChild);
    }
  };
  walk(fn.body, false);
  return exits;
}

export function isAwaitUsing(tsi: typeof ts, list: ts.VariableDeclarationList): boolean {
  return (list.flags & tsi.NodeFlags.AwaitUsing) === tsi.NodeFlags.AwaitUsing;
}

export function replaceBody(f: ts.NodeFactory, tsi: typeof ts, fn: AsyncFunction, body: ts.Block): AsyncFunction {
  if (tsi.isFunctionDeclaration(fn)) {
    return f.updateFunctionDeclaration(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, body);
  }
  if (tsi.isFunctionExpression(fn)) {
    return f.updateFunctionExpression(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, body);
  }
  if (tsi.isArrowFunction(fn)) {
    return f.updateArrowFunction(fn, fn.modifiers, fn.typeParameters, fn.parameters, fn.type, fn.equalsGreaterThanToken, body);
  }
  return f.updateMethodDeclaration(
    fn, fn.modifiers, fn.asteriskToken, fn.name, fn.questionToken, fn.typeParameters, fn.parameters, fn.type, body,
  );
}

/** The statements of a (visited) function body; a concise arrow body becomes `return expr;`. */
export function bodyStatements(f: ts.NodeFactory, tsi: typeof ts, body: ts.ConciseBody): readonly ts.Statement[] {
  if (tsi.isBlock(body)) return body.statements;
  return [tsi.setTextRange(f.createReturnStatement(body), body)];
}

/** A rejected `await` lands in catch/finally without passing through `resume`: resume first. */
export function withLeadingResume(f: ts.NodeFactory, hooks: HookCalls, block: ts.Block): ts.Block {
  return f.updateBlock(block, [hooks.resumeStatement(), ...block.statements]);
}

/**
 * `for await (x of xs) body` → `for await (x of forAwait(park(xs))) { resume; body; park }`: parked while the
 * loop waits for the first and each next value (not after a `continue`: best effort), resumed at the
 * top of each iteration. The caller adds a resume after the loop where it sits in a statement list.
 */
export function forAwaitLoop(
  f: ts.NodeFactory,
  tsi: typeof ts,
  hooks: HookCalls,
  loop: ts.ForOfStatement,
  site: number,
): ts.ForOfStatement {
  const inner = tsi.isBlock(loop.statement) ? loop.statement.statements : [loop.statement];
  const body = f.createBlock([hooks.resumeStatement(), ...inner, hooks.parkStatement(site)], true);
  return f.updateForOfStatement(
    loop, loop.awaitModifier, loop.initializer, hooks.forAwaitHead(site, loop.expression),
    tsi.isBlock(loop.statement) ? tsi.setTextRange(body, loop.statement) : body,
  );
}

function declaresNames(tsi: typeof ts, statement: ts.Statement): boolean {
  if (tsi.isVariableStatement(statement)) {
    return (statement.declarationList.flags & tsi.NodeFlags.BlockScoped) !== 0;
  }
  return tsi.isFunctionDeclaration(statement) || tsi.isClassDeclaration(statement) || tsi.isEnumDeclaration(statement)
    || tsi.isModuleDeclaration(statement) || tsi.isImportEqualsDeclaration(statement);
}

/**
 * A block whose statements include `await using`: the disposal awaits when the block is left. The
 * statements after the last `await using` move into `try { … } finally { park }`, so the task is
 * parked exactly when disposal starts — but only when none of them declares a block-scoped name
 * (moving such a declaration into a nested block could hide it from code before it). Returns
 * undefined when nothing was changed.
 */
export function parkBeforeDisposal(
  f: ts.NodeFactory,
  tsi: typeof ts,
  hooks: HookCalls,
  statements: readonly ts.Statement[],
  site: number,
): ts.Statement[] | undefined {
  let last = -1;
  statements.forEach((statement, index) => {
    if (tsi.isVariableStatement(statement) && isAwaitUsing(tsi, statement.declarationList)) last = index;
  });
  if (last < 0) return undefined;
  const rest = statements.slice(last + 1);
  if (rest.some((statement) => declaresNames(tsi, statement))) return undefined;
  const park = hooks.parkStatement(site);
  const tail = rest.length === 0
    ? [park]
    : [f.createTryStatement(f.createBlock(rest, true), undefined, f.createBlock([park], true))];
  return [...statements.slice(0, last + 1), ...tail];
}

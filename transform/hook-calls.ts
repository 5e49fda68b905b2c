/**
 * Builds the hook calls of docs/internals.md as TypeScript nodes: `__lw.enter(__lwSites + 0)`,
 * `__lw.resume(__lwTask, await (__lwTask.parkedAt = __lwSites + 1, __lw.suspend(__lwTask, x)))`, …
 * Hooks are always called as methods of `__lw` (the debug tier may swap them on that object), never
 * destructured.
 *
 * Frame size: V8 gives a suspended async function as many registers as the largest call anywhere in
 * it needs (callee, receiver and one per argument that is not already a local), so every hook call
 * takes at most two arguments that are locals or parameters where it can; what else a hook needs is
 * stored into the task (a store takes no register): docs/benchmarks.md, "Memory".
 */
import type * as ts from 'typescript';
import { isDirective, type ModuleFormat } from './module-prologue';

/**
 * The three names emitted code uses. They print as `__lw`, `__lwSites` and `__lwTask` unless the
 * file already uses such an identifier, in which case TypeScript's printer picks a free variant
 * (`__lw_1`): user code can never shadow or clash with them.
 */
export interface EmittedNames {
  readonly hooks: ts.Identifier;
  readonly sites: ts.Identifier;
  readonly task: ts.Identifier;
  readonly error: ts.Identifier;
}

export function emittedNames(factory: ts.NodeFactory, tsi: typeof ts): EmittedNames {
  const flags = tsi.GeneratedIdentifierFlags.Optimistic | tsi.GeneratedIdentifierFlags.FileLevel;
  return {
    hooks: factory.createUniqueName('__lw', flags),
    sites: factory.createUniqueName('__lwSites', flags),
    task: factory.createUniqueName('__lwTask', flags),
    error: factory.createUniqueName('__lwError', flags),
  };
}

export class HookCalls {
  constructor(
    private readonly factory: ts.NodeFactory,
    private readonly tsi: typeof ts,
    private readonly names: EmittedNames,
    private readonly format: ModuleFormat = 'commonjs',
  ) {}

  /** Every function's task variable has the same name: a nested function's own declaration shadows it. */
  task(): ts.Identifier {
    return this.names.task;
  }

  site(localId: number): ts.Expression {
    const f = this.factory;
    return f.createBinaryExpression(this.names.sites, this.tsi.SyntaxKind.PlusToken, f.createNumericLiteral(localId));
  }

  call(
    hook: 'enter' | 'enterGenerator' | 'park' | 'suspend' | 'resume' | 'awaiting' | 'awaited' | 'exit' | 'returned' | 'created' | 'threw'
      | 'forAwait',
    args: readonly ts.Expression[],
  ): ts.CallExpression {
    const f = this.factory;
    return f.createCallExpression(f.createPropertyAccessExpression(this.names.hooks, hook), undefined, args);
  }

  /**
   * `(__lwTask.parkedAt = __lwSites + n, __lw.suspend(__lwTask, x))`: the task will park at site n on
   * `x`. The site is stored before `x` is evaluated, so where `x` itself awaits or yields (and would
   * store its own site first) it is `__lw.park(__lwTask, __lwSites + n, x)` instead.
   */
  park(site: number, value: ts.Expression, hook: 'suspend' | 'awaiting' = 'suspend'): ts.Expression {
    const f = this.factory;
    if (suspendsWithin(this.tsi, value)) return this.call('park', [this.task(), this.site(site), value]);
    let stored = this.site(site);
    // ESM's `__lwSites` is a `var` (module-prologue.ts): undefined while an import cycle runs a hoisted
    // function early. `| 0` keeps a NaN out of `parkedAt`, whose field would become a boxed double.
    if (this.format === 'esm') stored = f.createBinaryExpression(stored, this.tsi.SyntaxKind.BarToken, f.createNumericLiteral(0));
    const store = f.createAssignment(f.createPropertyAccessExpression(this.task(), 'parkedAt'), stored);
    return f.createParenthesizedExpression(f.createComma(store, this.call(hook, [this.task(), value])));
  }

  resume(value: ts.Expression): ts.CallExpression {
    return this.call('resume', [this.task(), value]);
  }

  undefinedValue(): ts.Expression {
    return this.factory.createVoidZero();
  }

  /**
   * `__lw.forAwait(__lwTask, (__lwTask.parkedAt = site, __lw.suspend(__lwTask, xs)))`: a `for await`
   * head. The runtime learns that the loop's first `next()` comes next, so an async generator it
   * starts is the loop's (src/runtime/generator-claims.ts `forAwait`).
   */
  forAwaitHead(site: number, iterable: ts.Expression): ts.Expression {
    return this.call('forAwait', [this.task(), this.park(site, iterable)]);
  }

  /** `__lw.resume(__lwTask, void 0);` — at the top of catch/finally blocks and after loops. */
  resumeStatement(): ts.Statement {
    return this.factory.createExpressionStatement(this.resume(this.undefinedValue()));
  }

  /** `__lwTask.parkedAt = site, __lw.suspend(__lwTask, void 0);` — right before an implicit suspension (disposal, next()). */
  parkStatement(site: number): ts.Statement {
    let park = this.park(site, this.undefinedValue());
    if (this.tsi.isParenthesizedExpression(park)) park = park.expression;
    return this.factory.createExpressionStatement(park);
  }

  /**
   * `await x` → `__lw.awaited(__lwTask, await (__lwTask.parkedAt = site, __lw.awaiting(__lwTask, x)))`
   * (see `park`); as a statement of its own (value unused) → `await (…), __lw.awaited(__lwTask)`. The nested
   * form loads `__lw.awaited` and `__lwTask` before it suspends, so they stay live in the suspended
   * frame; the statement form keeps nothing live but locals (24 bytes less per parked call, and
   * measurably faster: docs/benchmarks.md, "Runtime overhead"). `awaiting` and `awaited` are
   * `suspend` and `resume` for an await, which has no yield to handle (hooks.ts).
   */
  await(original: ts.AwaitExpression, site: number, operand: ts.Expression): ts.Expression {
    const f = this.factory;
    const awaited = this.tsi.setTextRange(f.createAwaitExpression(this.park(site, operand, 'awaiting')), original);
    if (this.valueUnused(original)) {
      return this.tsi.setTextRange(f.createComma(awaited, this.call('awaited', [this.task()])), original);
    }
    return this.tsi.setTextRange(this.call('awaited', [this.task(), awaited]), original);
  }

  /** `await (__lwTask.parkedAt = site, __lw.awaiting(__lwTask, x))`: the caller emits the resume (a declaration's own `resumeAfterAwait`). */
  parkedAwait(original: ts.AwaitExpression, site: number, operand: ts.Expression): ts.Expression {
    return this.tsi.setTextRange(this.factory.createAwaitExpression(this.park(site, operand, 'awaiting')), original);
  }

  /** `__lw.awaited(__lwTask);` — right after a declaration initialized by a parked await. */
  resumeAfterAwait(): ts.Statement {
    return this.factory.createExpressionStatement(this.call('awaited', [this.task()]));
  }

  /** `await x;` (also parenthesized): the statement discards the value, so resume need not pass it on. */
  private valueUnused(original: ts.Expression): boolean {
    let node: ts.Node = original;
    while (node.parent !== undefined && this.tsi.isParenthesizedExpression(node.parent)) node = node.parent;
    return node.parent !== undefined && this.tsi.isExpressionStatement(node.parent);
  }

  /** `yield x` → `__lw.resume(__lwTask, yield (__lwTask.parkedAt = site, __lw.suspend(__lwTask, x)))` (`yield*` likewise). */
  yield(original: ts.YieldExpression, site: number, operand: ts.Expression | undefined): ts.Expression {
    const f = this.factory;
    const parked = this.park(site, operand ?? this.undefinedValue());
    const yielded = this.tsi.setTextRange(f.createYieldExpression(original.asteriskToken as ts.AsteriskToken, parked), original);
    return this.tsi.setTextRange(this.resume(yielded), original);
  }

  /** `f(x)` → `__lw.created(site, f(x), __lwTask)`, or without the task outside an async function's own body. */
  created(original: ts.CallExpression, site: number, call: ts.Expression, inTask: boolean): ts.Expression {
    const args = inTask ? [this.site(site), call, this.task()] : [this.site(site), call];
    return this.tsi.setTextRange(this.call('created', args), original);
  }

  /**
   * `return x;` → `return __lw.returned(x, __lwTask);` and `return;` → `return void __lw.exit(__lwTask);`
   * in a body that exits where it returns (see `body`): the task exits after `x` is evaluated, before
   * the function's promise takes it, as it did in a `finally`.
   */
  returnWithExit(original: ts.ReturnStatement, expression: ts.Expression | undefined): ts.ReturnStatement {
    const f = this.factory;
    const value = expression === undefined
      ? f.createVoidExpression(this.call('exit', [this.task()]))
      : this.call('returned', [expression, this.task()]);
    return this.tsi.setTextRange(f.createReturnStatement(value), original);
  }

  /**
   * The body of an instrumented function: directives stay first, then
   * `const __lwTask = __lw.enter(site);` (`enterGenerator` in an async generator) `try { …body } catch (e) { __lw.threw(__lwTask, e); throw e; }
   * finally { __lw.exit(__lwTask); }`. The catch rethrows the very value it caught (a thrown
   * error's stack is made when it is constructed, so it is unchanged); it tells the debug tier that
   * the task ends by throwing, which it must know for a task uninstrumented code started
   * (docs/internals.md, `threw`).
   *
   * `exitsAtReturns`: the body's returns were rewritten by `returnWithExit`, so no `finally` is
   * needed: the try block ends with `__lw.exit(__lwTask);` (unless it ends in a return or throw) and
   * the catch is `__lwTask.thrown = e; throw e;` (the task's `thrown` setter calls `threw` and `exit`:
   * a call passing the caught value would take three frame registers, as it is not a local). A
   * `finally` costs a suspended function three frame registers (24 bytes per parked task:
   * docs/benchmarks.md, "Memory"), so that form keeps the `threw` call.
   */
  body(original: ts.Node, functionSite: number, statements: readonly ts.Statement[], exitsAtReturns = false, isGenerator = false): ts.Block {
    const f = this.factory;
    const tsi = this.tsi;
    let directives = 0;
    while (directives < statements.length && isDirective(tsi, statements[directives]!)) directives++;
    const enter = f.createVariableStatement(undefined, f.createVariableDeclarationList([
      f.createVariableDeclaration(this.task(), undefined, undefined, this.call(isGenerator ? 'enterGenerator' : 'enter', [this.site(functionSite)])),
    ], tsi.NodeFlags.Const));
    const error = this.names.error;
    const exit = (): ts.Statement => f.createExpressionStatement(this.call('exit', [this.task()]));
    const ended = exitsAtReturns
      ? f.createAssignment(f.createPropertyAccessExpression(this.task(), 'thrown'), error)
      : this.call('threw', [this.task(), error]);
    const rethrow = f.createCatchClause(error, f.createBlock([
      f.createExpressionStatement(ended),
      f.createThrowStatement(error),
    ], true));
    let body = statements.slice(directives);
    if (exitsAtReturns) {
      const last = body[body.length - 1];
      if (last === undefined || !(tsi.isReturnStatement(last) || tsi.isThrowStatement(last))) body = [...body, exit()];
    }
    const guarded = f.createTryStatement(
      f.createBlock(body, true),
      rethrow,
      exitsAtReturns ? undefined : f.createBlock([exit()], true),
    );
    return tsi.setTextRange(f.createBlock([...statements.slice(0, directives), enter, guarded], true), original);
  }
}

/**
 * Whether evaluating `node` may suspend the function it is in: an `await` or `yield` of its own, not
 * one inside a nested function. A function with a computed name (`{ async [await k]() {} }`) and a
 * class (computed member names, decorators) count as suspending without a closer look: rare, and
 * `park` is right either way.
 */
function suspendsWithin(tsi: typeof ts, node: ts.Node): boolean {
  if (tsi.isAwaitExpression(node) || tsi.isYieldExpression(node) || tsi.isClassLike(node)) return true;
  if (tsi.isFunctionLike(node)) {
    const name = (node as ts.SignatureDeclarationBase).name;
    return name !== undefined && tsi.isComputedPropertyName(name);
  }
  return tsi.forEachChild(node, (child) => suspendsWithin(tsi, child) || undefined) ?? false;
}

/**
 * Builds the hook calls of docs/internals.md as TypeScript nodes: `__lw.enter(__lwSites + 0)`,
 * `__lw.resume(__lwTask, await (__lwTask.parkedAt = __lwSites + 1, __lw.suspend(__lwTask, x)))`, …
 * Hooks are always called as methods of `__lw` (the debug tier may swap them on that object), never
 * destructured.
 *
 * Hook code that holds no node of the program (`__lw.awaited(__lwTask)`, `__lwSites + 3`, the
 * store of a park) is made as one node written out as it is (`code`), not as a tree of property
 * accesses, binary expressions and literals. The printer and every transformer after this one
 * (TypeScript's own included) go through each node of the output, and that handling, more than the
 * analysis, made the transform's build cost: on openai the same output from fewer than half the new
 * nodes took 38–58 % fewer instructions (docs/benchmarks.md, "Session 12"). The text is the one the
 * printer wrote for the tree.
 *
 * Frame size: V8 gives a suspended async function as many registers as the largest call anywhere in
 * it needs (callee, receiver and one per argument that is not already a local), so every hook call
 * takes at most two arguments that are locals or parameters where it can; what else a hook needs is
 * stored into the task (a store takes no register): docs/benchmarks.md, "Memory".
 */
import type * as ts from 'typescript';
import { isDirective, type ModuleFormat } from './module-prologue';

/**
 * The four names emitted code uses: `__lw`, `__lwSites`, `__lwTask` and `__lwError`, or, in a file
 * that already has an identifier of one of those names, the same names with the smallest number
 * appended that none of them is used with (`__lw1`, `__lwSites1`, …): user code can never shadow or
 * clash with them. The names end in a bare number because the names TypeScript generates
 * (`__lw_1` for an import of "./__lw") join theirs with an underscore.
 */
export interface EmittedNames {
  readonly hooks: string;
  readonly sites: string;
  readonly task: string;
  readonly error: string;
}

export function emittedNames(sourceFile: ts.SourceFile): EmittedNames {
  // The parser's set of the file's identifiers, which the printer consults for its own unique names:
  // internal, but in every parsed file of TypeScript 5 and 6. Without it, any occurrence in the text
  // counts, in a comment or a string too.
  const identifiers = (sourceFile as { identifiers?: ReadonlyMap<string, string> }).identifiers;
  const taken = identifiers === undefined ? (name: string) => sourceFile.text.includes(name) : (name: string) => identifiers.has(name);
  const named = (suffix: string): EmittedNames => ({
    hooks: `__lw${suffix}`, sites: `__lwSites${suffix}`, task: `__lwTask${suffix}`, error: `__lwError${suffix}`,
  });
  const isFree = (names: EmittedNames): boolean => !taken(names.hooks) && !taken(names.sites) && !taken(names.task) && !taken(names.error);
  let names = named('');
  for (let n = 1; !isFree(names); n++) names = named(String(n));
  return names;
}

export class HookCalls {
  private readonly taskName: ts.Identifier;
  private readonly errorName: ts.Identifier;

  constructor(
    private readonly factory: ts.NodeFactory,
    private readonly tsi: typeof ts,
    private readonly names: EmittedNames,
    private readonly format: ModuleFormat = 'commonjs',
  ) {
    this.taskName = factory.createIdentifier(names.task);
    this.errorName = factory.createIdentifier(names.error);
  }

  /**
   * Code that holds no node of the program, as one node the printer writes out as it is: an
   * identifier, which no printer or transformer rule parenthesizes, looks into or renames (the
   * compiler resolves only identifiers of the source). The text must therefore need no parentheses
   * where it is put: calls and property accesses go anywhere; `void`, `+`, `|` and assignments only
   * as an argument, a return value, a statement, an initializer or an operand of `,`.
   */
  private code(text: string): ts.Identifier {
    return this.factory.createIdentifier(text);
  }

  /** Every function's task variable has the same name: a nested function's own declaration shadows it. */
  task(): ts.Identifier {
    return this.taskName;
  }

  /** `__lwSites + n`: the text of site n's global id, for an argument or inside other code text. */
  private siteText(localId: number): string {
    return `${this.names.sites} + ${localId}`;
  }

  private site(localId: number): ts.Expression {
    return this.code(this.siteText(localId));
  }

  private call(
    hook: 'park' | 'suspend' | 'resume' | 'awaiting' | 'awaited' | 'returned' | 'created' | 'forAwait',
    args: readonly ts.Expression[],
  ): ts.CallExpression {
    return this.factory.createCallExpression(this.code(`${this.names.hooks}.${hook}`), undefined, args);
  }

  /**
   * `(__lwTask.parkedAt = __lwSites + n, __lw.suspend(__lwTask, x))`: the task will park at site n on
   * `x`. The site is stored before `x` is evaluated, so where `x` itself awaits or yields (and would
   * store its own site first) it is `__lw.park(__lwTask, __lwSites + n, x)` instead.
   */
  park(site: number, value: ts.Expression, hook: 'suspend' | 'awaiting' = 'suspend'): ts.Expression {
    const f = this.factory;
    if (suspendsWithin(this.tsi, value)) return this.call('park', [this.task(), this.site(site), value]);
    // ESM's `__lwSites` is a `var` (module-prologue.ts): undefined while an import cycle runs a hoisted
    // function early. `| 0` keeps a NaN out of `parkedAt`, whose field would become a boxed double.
    const store = this.code(`${this.names.task}.parkedAt = ${this.siteText(site)}${this.format === 'esm' ? ' | 0' : ''}`);
    return f.createParenthesizedExpression(f.createComma(store, this.call(hook, [this.task(), value])));
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
    return this.factory.createExpressionStatement(this.code(`${this.names.hooks}.resume(${this.names.task}, void 0)`));
  }

  /** `__lwTask.parkedAt = site, __lw.suspend(__lwTask, void 0);` — right before an implicit suspension (disposal, next()). */
  parkStatement(site: number): ts.Statement {
    let park = this.park(site, this.factory.createVoidZero());
    if (this.tsi.isParenthesizedExpression(park)) park = park.expression;
    return this.factory.createExpressionStatement(park);
  }

  /** `__lw.awaited(__lwTask)`, the resume after an await whose value is not passed on. */
  private awaited(): ts.Expression {
    return this.code(`${this.names.hooks}.awaited(${this.names.task})`);
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
    if (this.valueUnused(original)) return this.tsi.setTextRange(f.createComma(awaited, this.awaited()), original);
    return this.tsi.setTextRange(this.call('awaited', [this.task(), awaited]), original);
  }

  /** `await (__lwTask.parkedAt = site, __lw.awaiting(__lwTask, x))`: the caller emits the resume (a declaration's own `resumeAfterAwait`). */
  parkedAwait(original: ts.AwaitExpression, site: number, operand: ts.Expression): ts.Expression {
    return this.tsi.setTextRange(this.factory.createAwaitExpression(this.park(site, operand, 'awaiting')), original);
  }

  /** `__lw.awaited(__lwTask);` — right after a declaration initialized by a parked await. */
  resumeAfterAwait(): ts.Statement {
    return this.factory.createExpressionStatement(this.awaited());
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
    const parked = this.park(site, operand ?? f.createVoidZero());
    const yielded = this.tsi.setTextRange(f.createYieldExpression(original.asteriskToken as ts.AsteriskToken, parked), original);
    return this.tsi.setTextRange(this.call('resume', [this.task(), yielded]), original);
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
    const value = expression === undefined
      ? this.code(`void ${this.names.hooks}.exit(${this.names.task})`)
      : this.call('returned', [expression, this.task()]);
    return this.tsi.setTextRange(this.factory.createReturnStatement(value), original);
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
    const { hooks, task, error } = this.names;
    let directives = 0;
    while (directives < statements.length && isDirective(tsi, statements[directives]!)) directives++;
    const enter = f.createVariableStatement(undefined, f.createVariableDeclarationList([
      f.createVariableDeclaration(this.task(), undefined, undefined,
        this.code(`${hooks}.${isGenerator ? 'enterGenerator' : 'enter'}(${this.siteText(functionSite)})`)),
    ], tsi.NodeFlags.Const));
    const exit = (): ts.Statement => f.createExpressionStatement(this.code(`${hooks}.exit(${task})`));
    const ended = this.code(exitsAtReturns ? `${task}.thrown = ${error}` : `${hooks}.threw(${task}, ${error})`);
    const rethrow = f.createCatchClause(this.errorName, f.createBlock([
      f.createExpressionStatement(ended),
      f.createThrowStatement(this.errorName),
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

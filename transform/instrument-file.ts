/**
 * Walks one source file and instruments it: each async function gets enter/exit, each of its own
 * awaits (and yields in async generators) park/resume, chosen calls `created(...)`. Decisions are
 * made on the original nodes (parents, positions, types); rewrites are built bottom-up.
 */
import type * as ts from 'typescript';
import { type EmittedNames, emittedNames, HookCalls } from './hook-calls';
import type { Targets } from './find-targets';
import { callSiteKind, type CallPolicy } from './instrument-calls';
import {
  type AsyncFunction, bodyStatements, canSuspend, canWrapBody, exitsAtReturns, forAwaitLoop, isAwaitUsing, isInstrumentable,
  parkBeforeDisposal, replaceBody, withLeadingResume,
} from './instrument-function';
import type { ModuleFormat } from './module-prologue';
import { taskName } from './names';
import type { ResolvedOptions } from './options';
import { SiteKind, SiteTable } from './site-table';

/** The async function whose own body is being visited. */
interface Frame {
  readonly fn: AsyncFunction;
  /** Its site's local id: the sites it parks at refer to it (site-table.ts). */
  readonly site: number;
  readonly isGenerator: boolean;
  /** Its own returns exit (`returned`), and its body needs no `finally` (instrument-function.ts `exitsAtReturns`). */
  readonly exitsAtReturns: boolean;
  /** Computed on the first try statement: catch/finally resumes are only needed if the body can suspend. */
  suspends?: boolean;
}

export class FileInstrumenter {
  readonly table: SiteTable;
  readonly names: EmittedNames;
  private readonly f: ts.NodeFactory;
  private readonly hooks: HookCalls;
  private frame: Frame | undefined;
  /** Inside a decorator: its calls run at class definition and stay bare. */
  private inDecorator = false;
  /** Awaits that initialize a declaration followed by its own resume statement (see visitVariableStatement). */
  private readonly resumedAfter = new Set<ts.AwaitExpression>();
  /** Calls awaited directly whose site an `AwaitCall` await registered: visited bare, `created` folded into the park. */
  private readonly foldedCalls = new Set<ts.CallExpression>();

  constructor(
    private readonly tsi: typeof ts,
    private readonly context: ts.TransformationContext,
    private readonly sourceFile: ts.SourceFile,
    private readonly options: ResolvedOptions,
    private readonly calls: CallPolicy | undefined,
    format: ModuleFormat,
    private readonly targets: Targets,
  ) {
    this.table = new SiteTable(sourceFile);
    this.f = context.factory;
    this.names = emittedNames(sourceFile);
    this.hooks = new HookCalls(this.f, tsi, this.names, format);
  }

  /** The visited statements of the file (the prologue is added by the caller when sites exist). */
  run(): readonly ts.Statement[] {
    return this.tsi.visitNodes(this.sourceFile.statements, this.visit, this.tsi.isStatement);
  }

  private readonly visit = (node: ts.Node): ts.VisitResult<ts.Node | undefined> => {
    const tsi = this.tsi;
    const { SyntaxKind } = tsi;
    if (!this.targets.onPath.has(node)) return node;
    // An `ExpressionWithTypeArguments` on the path has an expression that runs (find-targets.ts).
    if (tsi.isTypeNode(node) && node.kind !== SyntaxKind.ExpressionWithTypeArguments) return node;
    switch (node.kind) {
      case SyntaxKind.InterfaceDeclaration:
      case SyntaxKind.TypeAliasDeclaration:
        return node;
      case SyntaxKind.FunctionDeclaration:
      case SyntaxKind.FunctionExpression:
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.MethodDeclaration:
      case SyntaxKind.Constructor:
      case SyntaxKind.GetAccessor:
      case SyntaxKind.SetAccessor:
      case SyntaxKind.ClassStaticBlockDeclaration:
        return this.visitFunction(node);
      case SyntaxKind.PropertyDeclaration:
        return this.visitProperty(node as ts.PropertyDeclaration);
      case SyntaxKind.Decorator:
        return this.visitDecorator(node as ts.Decorator);
      case SyntaxKind.AwaitExpression:
        return this.visitAwait(node as ts.AwaitExpression);
      case SyntaxKind.YieldExpression:
        return this.visitYield(node as ts.YieldExpression);
      case SyntaxKind.CallExpression:
        return this.visitCall(node as ts.CallExpression);
      case SyntaxKind.TryStatement:
        return this.visitTry(node as ts.TryStatement);
      case SyntaxKind.ReturnStatement:
        return this.visitReturn(node as ts.ReturnStatement);
      case SyntaxKind.ForOfStatement:
        return this.visitForOf(node as ts.ForOfStatement);
      case SyntaxKind.Block:
        return this.visitBlock(node as ts.Block);
      case SyntaxKind.VariableStatement:
        return this.visitVariableStatement(node as ts.VariableStatement);
      default:
        return tsi.visitEachChild(node, this.visit, this.context);
    }
  };

  private withFrame<T>(frame: Frame | undefined, run: () => T): T {
    const saved = this.frame;
    this.frame = frame;
    try {
      return run();
    } finally {
      this.frame = saved;
    }
  }

  private get tracksSuspensions(): boolean {
    return this.frame !== undefined && this.options.trackAwaits;
  }

  /**
   * Whether a node belongs to the current frame's own body, where `__lwTask` is in scope. It does
   * not when it sits in the computed name of a method (evaluated by the enclosing scope) or in a
   * parameter default (evaluated before the body declares the task), which the frame also covers.
   */
  private isOwn(node: ts.Node): boolean {
    let child: ts.Node = node;
    for (let parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
      if (this.tsi.isFunctionLike(parent) && (parent as ts.SignatureDeclaration).name !== child) {
        return parent === this.frame?.fn && !this.tsi.isParameter(child);
      }
      if (this.tsi.isClassStaticBlockDeclaration(parent) || this.tsi.isPropertyDeclaration(parent)) return false;
    }
    return false;
  }

  private visitFunction(node: ts.Node): ts.Node {
    const tsi = this.tsi;
    if (!isInstrumentable(tsi, node) || !canWrapBody(tsi, node)) {
      // Sync functions, accessors, constructors, static blocks (no await of their own), and the rare
      // async function whose body cannot move into a block: visited as plain code.
      return this.withFrame(undefined, () => tsi.visitEachChild(node, this.visit, this.context));
    }
    const functionSite = this.table.add(SiteKind.Function, node, taskName(tsi, node, this.sourceFile));
    // exitsAtReturns is true for every async non-generator function whose own body find-targets.ts saw no
    // try…finally, for…of or using in (no return there can be followed by cleanup): its walk is skipped.
    const exits = this.targets.mayRunAfterReturn.has(node) ? exitsAtReturns(tsi, node) : node.asteriskToken === undefined;
    const frame: Frame = { fn: node, site: functionSite, isGenerator: node.asteriskToken !== undefined, exitsAtReturns: exits };
    const visited = this.withFrame(frame, () => tsi.visitEachChild(node, this.visit, this.context));
    let statements = bodyStatements(this.f, tsi, visited.body!);
    // A concise arrow body became `return expr;` only now, after the visit.
    if (frame.exitsAtReturns && !tsi.isBlock(visited.body!)) {
      statements = statements.map((s) => (tsi.isReturnStatement(s) ? this.hooks.returnWithExit(s, s.expression) : s));
    }
    return replaceBody(this.f, tsi, visited, this.hooks.body(node.body!, functionSite, statements, frame.exitsAtReturns, frame.isGenerator));
  }

  private visitReturn(node: ts.ReturnStatement): ts.Node {
    const visited = this.tsi.visitEachChild(node, this.visit, this.context);
    if (!this.frame?.exitsAtReturns || !this.isOwn(node)) return visited;
    return this.hooks.returnWithExit(node, visited.expression);
  }

  /** A field initializer runs in the constructor, not in the enclosing function; its key does not. */
  private visitProperty(node: ts.PropertyDeclaration): ts.Node {
    const tsi = this.tsi;
    const modifiers = tsi.visitNodes(node.modifiers, this.visit, tsi.isModifierLike);
    const name = tsi.visitNode(node.name, this.visit, tsi.isPropertyName)!;
    const initializer = this.withFrame(undefined, () => tsi.visitNode(node.initializer, this.visit, tsi.isExpression));
    return this.f.updatePropertyDeclaration(
      node, modifiers, name, node.questionToken ?? node.exclamationToken, node.type, initializer,
    );
  }

  private visitDecorator(node: ts.Decorator): ts.Node {
    const saved = this.inDecorator;
    this.inDecorator = true;
    try {
      return this.tsi.visitEachChild(node, this.visit, this.context);
    } finally {
      this.inDecorator = saved;
    }
  }

  // Sites are numbered before the operand is visited, so local ids follow source order.
  private visitAwait(node: ts.AwaitExpression): ts.Node {
    if (!this.tracksSuspensions || !this.isOwn(node)) return this.tsi.visitEachChild(node, this.visit, this.context);
    const call = this.directCall(node);
    const site = this.table.add(call === undefined ? SiteKind.Await : SiteKind.AwaitCall, node, undefined, this.frame!.site);
    if (call !== undefined) {
      // The runtime reads the call's site as the await's next one: register it now, before the operand's own sites.
      this.table.add(callSiteKind(this.tsi, call), call);
      this.foldedCalls.add(call);
    }
    const visited = this.tsi.visitEachChild(node, this.visit, this.context);
    if (this.resumedAfter.delete(node)) return this.hooks.parkedAwait(node, site, visited.expression);
    return this.hooks.await(node, site, visited.expression);
  }

  /**
   * `const v = await x;` → `const v = await __lw.park(t, s, x); __lw.resume(t);`: nothing but
   * locals stays live across the suspension (docs/internals.md). Only for a single declaration of
   * a plain name (destructuring would run getters before the resume) in a statement list.
   */
  private visitVariableStatement(node: ts.VariableStatement): ts.VisitResult<ts.Node> {
    const tsi = this.tsi;
    const declarations = node.declarationList.declarations;
    const initializer = declarations.length === 1 ? declarations[0]!.initializer : undefined;
    const parent = node.parent as ts.Node | undefined;
    if (initializer === undefined || !tsi.isAwaitExpression(initializer) || !tsi.isIdentifier(declarations[0]!.name)
      || !this.tracksSuspensions || !this.isOwn(initializer)
      || parent === undefined || !(tsi.isBlock(parent) || tsi.isCaseOrDefaultClause(parent))) {
      return tsi.visitEachChild(node, this.visit, this.context);
    }
    this.resumedAfter.add(initializer);
    const visited = tsi.visitEachChild(node, this.visit, this.context);
    this.resumedAfter.delete(initializer);
    return [visited, this.hooks.resumeAfterAwait()];
  }

  private visitYield(node: ts.YieldExpression): ts.Node {
    if (!this.tracksSuspensions || !this.frame!.isGenerator || !this.isOwn(node)) {
      return this.tsi.visitEachChild(node, this.visit, this.context);
    }
    const site = this.table.add(SiteKind.Yield, node, undefined, this.frame!.site);
    const visited = this.tsi.visitEachChild(node, this.visit, this.context);
    return this.hooks.yield(node, site, visited.expression);
  }

  /**
   * `await f()` (also parenthesized) in the task's own body, where `f()` would be wrapped: its
   * `created` is folded into the park (one hook call and two frame registers less per parked call:
   * docs/internals.md). Not through `as`, `!`, `?:` or `||`: the awaited value must be the call's.
   */
  private directCall(node: ts.AwaitExpression): ts.CallExpression | undefined {
    let operand: ts.Expression = node.expression;
    while (this.tsi.isParenthesizedExpression(operand)) operand = operand.expression;
    if (!this.tsi.isCallExpression(operand) || !this.wraps(operand)) return undefined;
    return operand;
  }

  /** The call a `for await` iterates the result of, directly or through parentheses, when calls are tracked. */
  private loopCall(iterable: ts.Expression): ts.CallExpression | undefined {
    if (!this.options.trackCalls) return undefined;
    while (this.tsi.isParenthesizedExpression(iterable)) iterable = iterable.expression;
    return this.tsi.isCallExpression(iterable) ? iterable : undefined;
  }

  private wraps(node: ts.CallExpression): boolean {
    return this.options.trackCalls && this.calls !== undefined && !this.inDecorator
      && this.calls.shouldWrap(node, this.frame !== undefined);
  }

  private visitCall(node: ts.CallExpression): ts.Node {
    if (this.foldedCalls.delete(node)) return this.tsi.visitEachChild(node, this.visit, this.context);
    const wrap = this.wraps(node);
    const site = wrap ? this.table.add(callSiteKind(this.tsi, node), node) : -1;
    const visited = this.tsi.visitEachChild(node, this.visit, this.context);
    if (!wrap) return visited;
    // The enclosing task is passed only from its own body: a closure capturing it would keep it alive.
    return this.hooks.created(node, site, visited, this.frame !== undefined && this.isOwn(node));
  }

  private visitTry(node: ts.TryStatement): ts.Node {
    const visited = this.tsi.visitEachChild(node, this.visit, this.context);
    const frame = this.frame;
    if (!this.tracksSuspensions || !(frame!.suspends ??= canSuspend(this.tsi, frame!.fn))) return visited;
    const clause = visited.catchClause;
    return this.f.updateTryStatement(
      visited,
      visited.tryBlock,
      clause && this.f.updateCatchClause(clause, clause.variableDeclaration, withLeadingResume(this.f, this.hooks, clause.block)),
      visited.finallyBlock && withLeadingResume(this.f, this.hooks, visited.finallyBlock),
    );
  }

  private visitForOf(node: ts.ForOfStatement): ts.VisitResult<ts.Node> {
    const tsi = this.tsi;
    if (node.awaitModifier === undefined || !this.tracksSuspensions
      || (tsi.isVariableDeclarationList(node.initializer) && isAwaitUsing(tsi, node.initializer))) {
      return tsi.visitEachChild(node, this.visit, this.context);
    }
    const call = this.loopCall(node.expression);
    const site = this.table.add(call === undefined ? SiteKind.ForAwait : SiteKind.ForAwaitCall, node, undefined, this.frame!.site);
    if (call !== undefined) {
      // The call that makes what the loop iterates: an async generator the loop starts was created there.
      this.table.add(SiteKind.AwaitedCall, call);
      this.foldedCalls.add(call);
    }
    const visited = tsi.visitEachChild(node, this.visit, this.context);
    return this.followedByResume(node, forAwaitLoop(this.f, tsi, this.hooks, visited, site));
  }

  private visitBlock(node: ts.Block): ts.VisitResult<ts.Node> {
    const tsi = this.tsi;
    const visited = tsi.visitEachChild(node, this.visit, this.context);
    if (!this.tracksSuspensions) return visited;
    const disposal = node.statements.find((s) => tsi.isVariableStatement(s) && isAwaitUsing(tsi, s.declarationList));
    if (disposal === undefined) return visited;
    const site = this.table.add(SiteKind.AwaitUsing, disposal, undefined, this.frame!.site);
    const statements = parkBeforeDisposal(this.f, tsi, this.hooks, visited.statements, site) ?? visited.statements;
    const block = this.f.updateBlock(visited, statements);
    // A function body is followed by the exit in `finally`; a nested block needs its own resume.
    return tsi.isFunctionLike(node.parent) ? block : this.followedByResume(node, block);
  }

  /**
   * `statement; __lw.resume(__lwTask, void 0);` for a statement after which the task runs again
   * without having passed a resume. In a statement list both are returned; elsewhere (an `if`
   * branch) they are wrapped in a block. A labeled statement is left alone (the label must stay on
   * the loop for `continue label`), as is a synthesized one; the next hook call corrects the state.
   */
  private followedByResume(original: ts.Statement, statement: ts.Statement): ts.VisitResult<ts.Node> {
    const tsi = this.tsi;
    const parent = original.parent as ts.Node | undefined;
    // Unknown place (a node another transformer synthesized), or a label that must stay on the loop.
    if (parent === undefined || tsi.isLabeledStatement(parent)) return statement;
    if (tsi.isBlock(parent) || tsi.isSourceFile(parent) || tsi.isCaseOrDefaultClause(parent) || tsi.isModuleBlock(parent)) {
      return [statement, this.hooks.resumeStatement()];
    }
    return this.f.createBlock([statement, this.hooks.resumeStatement()], true);
  }
}

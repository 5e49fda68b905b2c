/**
 * The transform's first walk over a file: one read-only pass that marks every node the visitor
 * (instrument-file.ts) may rewrite, and the way to it. The visitor then enters marked nodes only, so
 * code with nothing to instrument costs this walk and no more (`visitEachChild` rebuilds lexical
 * environments and visits every list; this walk does not).
 *
 * It runs once per build over every node of the program, in code that has barely warmed up. The
 * decision per node is one load from a table made once per compiler (`TargetKinds`: node kinds must
 * come from the compiler in use, they differ between TypeScript versions) and a jump, rather than a
 * chain of comparisons against `SyntaxKind` members: 14.0 → 12.1 ms for a cold walk of openai's
 * sources without call policy, too little to show in a whole emit (docs/benchmarks.md, "Session 13").
 */
import type * as ts from 'typescript';
import type { CallPolicy } from './instrument-calls';
import { includesAsync } from './instrument-function';

/** What the walk does at a node of a kind. Literal values, so the walk's `switch` is a jump table. */
const enum Action {
  Descend = 0,
  /** Tokens (half of all nodes: no children to mark), type nodes, interfaces, type aliases, imports and exports. */
  Skip,
  HeritageClause,
  ExpressionWithTypeArguments,
  /** Function declarations and expressions, arrows and methods: async or not. */
  Function,
  /** Constructors, accessors and static blocks: own bodies, never async. */
  Owner,
  Call,
  Try,
  /** `await`, `yield` and `return`. */
  Suspension,
  ForOf,
  DeclarationList,
}

/** The action per `SyntaxKind` value of one compiler: make it once per transformer. */
export type TargetKinds = Uint8Array;

export function targetKinds(tsi: typeof ts): TargetKinds {
  const { SyntaxKind } = tsi;
  const kinds = new Uint8Array(SyntaxKind.Count);
  for (let kind = 0; kind < kinds.length; kind++) {
    // `isTypeNode` reads nothing but the kind.
    if (kind <= SyntaxKind.LastToken || tsi.isTypeNode({ kind } as ts.Node)) kinds[kind] = Action.Skip;
  }
  const set = (action: Action, ...of: ts.SyntaxKind[]): void => {
    for (const kind of of) kinds[kind] = action;
  };
  set(Action.Skip, SyntaxKind.InterfaceDeclaration, SyntaxKind.TypeAliasDeclaration, SyntaxKind.ImportDeclaration,
    SyntaxKind.ImportEqualsDeclaration, SyntaxKind.ExportDeclaration);
  set(Action.HeritageClause, SyntaxKind.HeritageClause);
  set(Action.ExpressionWithTypeArguments, SyntaxKind.ExpressionWithTypeArguments);
  set(Action.Function, SyntaxKind.FunctionDeclaration, SyntaxKind.FunctionExpression, SyntaxKind.ArrowFunction,
    SyntaxKind.MethodDeclaration);
  set(Action.Owner, SyntaxKind.Constructor, SyntaxKind.GetAccessor, SyntaxKind.SetAccessor, SyntaxKind.ClassStaticBlockDeclaration);
  set(Action.Call, SyntaxKind.CallExpression);
  set(Action.Try, SyntaxKind.TryStatement);
  set(Action.Suspension, SyntaxKind.AwaitExpression, SyntaxKind.YieldExpression, SyntaxKind.ReturnStatement);
  set(Action.ForOf, SyntaxKind.ForOfStatement);
  set(Action.DeclarationList, SyntaxKind.VariableDeclarationList);
  return kinds;
}

export interface Targets {
  /** Nodes that are, or lead to, something the visitor may rewrite. */
  readonly onPath: Set<ts.Node>;
  /**
   * Functions whose own body has a try with `finally`, a `for … of` or a `using` declaration: only
   * there can a return leave code to run after it (instrument-file.ts `visitFunction`).
   */
  readonly mayRunAfterReturn: Set<ts.Node>;
}

/**
 * Marks async functions; inside them awaits, yields, `for await`, `await using`, try statements and
 * returns; and calls `calls` may wrap (none without a policy). Marking more than is rewritten only
 * costs time: the visitor still decides everything with its full context (frames, decorators, own body).
 */
export function findTargets(tsi: typeof ts, kinds: TargetKinds, sourceFile: ts.SourceFile, calls: CallPolicy | undefined): Targets {
  const { SyntaxKind, NodeFlags, forEachChild } = tsi;
  const implementsKeyword = SyntaxKind.ImplementsKeyword;
  const onPath = new Set<ts.Node>();
  const mayRunAfterReturn = new Set<ts.Node>();
  let inAsync = false;
  /** The function (or class static block) whose own body or signature is being walked. */
  let owner: ts.Node | undefined;
  // The walk's own ancestors, not `parent`: nodes another transformer synthesized have none.
  const ancestors: ts.Node[] = [];
  const mark = (target: ts.Node): void => {
    onPath.add(target);
    for (let i = ancestors.length - 1; i >= 0 && !onPath.has(ancestors[i]!); i--) onPath.add(ancestors[i]!);
  };
  const descend = (node: ts.Node): void => {
    ancestors.push(node);
    forEachChild(node, walk);
    ancestors.pop();
  };
  const descendOwned = (node: ts.Node): void => {
    const outer = owner;
    owner = node;
    descend(node);
    owner = outer;
  };
  const walk = (node: ts.Node): void => {
    switch (kinds[node.kind] as Action | undefined) {
      case Action.Skip:
        return;
      case Action.HeritageClause:
        // `implements` is types only; a class's `extends` expression runs (interfaces are skipped).
        if ((node as ts.HeritageClause).token === implementsKeyword) return;
        break;
      case Action.ExpressionWithTypeArguments:
        // A type node only by its type arguments: its expression runs, in a class's `extends`
        // (`class A extends mixin(async () => …)`) and as an instantiation expression (`(await load())<string>`).
        ancestors.push(node);
        walk((node as ts.ExpressionWithTypeArguments).expression);
        ancestors.pop();
        return;
      case Action.Function:
        if (includesAsync(tsi, (node as ts.FunctionLikeDeclaration).modifiers)) {
          mark(node);
          const outer = inAsync;
          inAsync = true;
          descendOwned(node);
          inAsync = outer;
          return;
        }
        descendOwned(node);
        return;
      case Action.Owner:
        descendOwned(node);
        return;
      case Action.Call:
        if (calls?.shouldWrap(node as ts.CallExpression, inAsync)) mark(node);
        break;
      case Action.Try:
        if (owner !== undefined && (node as ts.TryStatement).finallyBlock !== undefined) mayRunAfterReturn.add(owner);
        if (inAsync) mark(node);
        break;
      case Action.Suspension:
        if (inAsync) mark(node);
        break;
      case Action.ForOf:
        if (owner !== undefined) mayRunAfterReturn.add(owner);
        if (inAsync && (node as ts.ForOfStatement).awaitModifier !== undefined) mark(node);
        break;
      case Action.DeclarationList:
        if (owner !== undefined && (node.flags & NodeFlags.Using) !== 0) mayRunAfterReturn.add(owner);
        if (inAsync && (node.flags & NodeFlags.AwaitUsing) === NodeFlags.AwaitUsing) mark(node);
        break;
      default:
    }
    descend(node);
  };
  forEachChild(sourceFile, walk);
  return { onPath, mayRunAfterReturn };
}

/**
 * Suggestion edits for no-floating-promises. Each keeps the program parsing the same way around the edit:
 * operands that bind looser than a prefix operator or a member access get parentheses.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type Fixer = TSESLint.RuleFixer;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Fix = TSESLint.RuleFix | TSESLint.RuleFix[];

/** Expressions that would re-associate after a prefix operator (`await a ? b : c` means `(await a) ? b : c`). */
const LOOSER_THAN_UNARY = new Set<string>([
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.SequenceExpression,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.YieldExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
]);

/** Expressions a `.catch(...)` can be appended to as they are. */
const MEMBER_ACCESS_SAFE = new Set<string>([
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.ThisExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.ArrayExpression,
]);

const TYPE_WRAPPERS = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

/** The first token of `node` including its own parentheses, so a prefix lands outside them. */
function outerStart(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node | TSESTree.Token {
  return ASTUtils.isParenthesized(node, sourceCode) ? (sourceCode.getTokenBefore(node) ?? node) : node;
}

function outerEnd(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node | TSESTree.Token {
  return ASTUtils.isParenthesized(node, sourceCode) ? (sourceCode.getTokenAfter(node) ?? node) : node;
}

export function prefixFix(fixer: Fixer, sourceCode: SourceCode, node: TSESTree.Expression, keyword: 'await' | 'void'): Fix {
  if (keyword === 'await' && node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void') {
    return fixer.replaceTextRange([node.range[0], node.range[0] + 'void'.length], 'await');
  }
  if (ASTUtils.isParenthesized(node, sourceCode) || !LOOSER_THAN_UNARY.has(node.type)) {
    return fixer.insertTextBefore(outerStart(node, sourceCode), `${keyword} `);
  }
  return [fixer.insertTextBefore(node, `${keyword} (`), fixer.insertTextAfter(node, ')')];
}

/** `(error: unknown) => { console.error(error); }`: the rejection becomes visible instead of silently lost. */
export function catchHandlerText(isTypeScript: boolean): string {
  return `(${isTypeScript ? 'error: unknown' : 'error'}) => { console.error(error); }`;
}

function canTakeMemberAccess(node: TSESTree.Expression, sourceCode: SourceCode): boolean {
  if (MEMBER_ACCESS_SAFE.has(node.type)) return true;
  // `new Foo` without an argument list would turn into `new Foo.catch(...)`.
  return node.type === AST_NODE_TYPES.NewExpression && sourceCode.getLastToken(node)?.value === ')';
}

/** Appends to the value itself, inside `as`/`satisfies`/`!`, so the type assertion still applies to the result. */
export function appendCatchFix(fixer: Fixer, sourceCode: SourceCode, expression: TSESTree.Expression, handler: string, optional = false): Fix {
  let node = expression;
  while (TYPE_WRAPPERS.has(node.type)) node = (node as TSESTree.TSAsExpression).expression;
  const call = `${optional ? '?.' : '.'}catch(${handler})`;
  if (ASTUtils.isParenthesized(node, sourceCode) || canTakeMemberAccess(node, sourceCode)) {
    return fixer.insertTextAfter(outerEnd(node, sourceCode), call);
  }
  return [fixer.insertTextBefore(node, '('), fixer.insertTextAfter(node, `)${call}`)];
}

/** `xs.map(async …)` → `await Promise.all(xs.map(async …))`; an awaited array keeps its single `await`. */
export function awaitAllFix(fixer: Fixer, sourceCode: SourceCode, node: TSESTree.Expression): Fix {
  const array = node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node;
  return fixer.replaceText(node, `await Promise.all(${sourceCode.getText(array)})`);
}

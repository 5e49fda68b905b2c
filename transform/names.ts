/**
 * The task name a report prints for an async function: `Class.method`, `object.property`, the
 * variable or property it is assigned to, its own name, or `<anonymous>`. Computed from syntax only;
 * nodes another transformer synthesized have no parent and no source text, and get what is left.
 */
import type * as ts from 'typescript';

export const ANONYMOUS = '<anonymous>';

/** Source text of a name when it is short and simple enough to print; undefined otherwise. */
function nameText(tsi: typeof ts, name: ts.Node | undefined, sourceFile: ts.SourceFile): string | undefined {
  if (name === undefined) return undefined;
  if (tsi.isIdentifier(name) || tsi.isPrivateIdentifier(name)) return name.text;
  if (tsi.isStringLiteral(name) || tsi.isNumericLiteral(name) || tsi.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  if (name.pos < 0) return undefined;
  if (tsi.isComputedPropertyName(name)) {
    const text = name.expression.getText(sourceFile);
    return text.length <= 40 ? `[${text}]` : undefined;
  }
  if (tsi.isPropertyAccessExpression(name) || name.kind === tsi.SyntaxKind.ThisKeyword) {
    const text = name.getText(sourceFile);
    return text.length <= 60 ? text : undefined;
  }
  return undefined;
}

function join(owner: string | undefined, member: string): string {
  if (owner === undefined) return member;
  return member.startsWith('[') ? `${owner}${member}` : `${owner}.${member}`;
}

/** The name of whatever holds `node` (a class or object literal): its own name or what it is assigned to. */
function holderName(tsi: typeof ts, node: ts.Node | undefined, sourceFile: ts.SourceFile): string | undefined {
  if (node === undefined) return undefined;
  if ((tsi.isClassDeclaration(node) || tsi.isClassExpression(node)) && node.name !== undefined) {
    return node.name.text;
  }
  return assignedName(tsi, node, sourceFile);
}

/** The name `node` (an expression) is bound to by its parent: `const x = node`, `{ x: node }`, `a.b = node`. */
function assignedName(tsi: typeof ts, node: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  let parent = node.parent;
  while (parent !== undefined && (tsi.isParenthesizedExpression(parent) || tsi.isAsExpression(parent)
    || tsi.isSatisfiesExpression(parent) || tsi.isNonNullExpression(parent) || tsi.isTypeAssertionExpression(parent))) {
    node = parent;
    parent = parent.parent;
  }
  if (parent === undefined) return undefined;
  if (tsi.isVariableDeclaration(parent) && parent.initializer === node) return nameText(tsi, parent.name, sourceFile);
  if (tsi.isPropertyAssignment(parent) && parent.initializer === node) {
    return join(holderName(tsi, parent.parent, sourceFile), nameText(tsi, parent.name, sourceFile) ?? ANONYMOUS);
  }
  if (tsi.isPropertyDeclaration(parent) && parent.initializer === node) {
    return join(holderName(tsi, parent.parent, sourceFile), nameText(tsi, parent.name, sourceFile) ?? ANONYMOUS);
  }
  if (tsi.isBinaryExpression(parent) && parent.right === node
    && parent.operatorToken.kind === tsi.SyntaxKind.EqualsToken) {
    return nameText(tsi, parent.left, sourceFile);
  }
  return undefined;
}

export function taskName(tsi: typeof ts, fn: ts.FunctionLikeDeclaration, sourceFile: ts.SourceFile): string {
  if (tsi.isMethodDeclaration(fn)) {
    const member = nameText(tsi, fn.name, sourceFile) ?? ANONYMOUS;
    return join(holderName(tsi, fn.parent, sourceFile), member);
  }
  if ((tsi.isFunctionDeclaration(fn) || tsi.isFunctionExpression(fn)) && fn.name !== undefined) return fn.name.text;
  return assignedName(tsi, fn, sourceFile) ?? ANONYMOUS;
}

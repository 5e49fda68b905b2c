/** Walking an ESTree without a visitor: the child nodes of a node, by ESLint's visitor keys. */
import type { TSESTree } from '@typescript-eslint/utils';

/** `sourceCode.visitorKeys`: node type → the keys that hold its child nodes. */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Pushes the child nodes of `node` onto `stack` (for an explicit-stack walk). */
export function pushChildNodes(node: TSESTree.Node, visitorKeys: VisitorKeys, stack: TSESTree.Node[]): void {
  for (const key of visitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) stack.push(item);
    } else if (isNode(child)) {
      stack.push(child);
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

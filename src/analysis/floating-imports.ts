/**
 * Where a binding comes from, read from the scope manager: `import { it } from 'node:test'`,
 * `import test from 'node:test'`, `import * as t from 'node:test'`, `const { it } = require('node:test')`,
 * `const test = require('node:test')`. Used to recognise known-safe calls without type information.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export interface ImportedBinding {
  /** The module specifier, e.g. `node:test`. */
  readonly source: string;
  /** The exported name; `*` for the whole module (namespace import or plain `require`), `default` for a default import. */
  readonly imported: string;
}

function requireSource(node: TSESTree.Expression | null): string | undefined {
  if (node?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const { callee, arguments: args } = node;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require' || args.length !== 1) return undefined;
  const [arg] = args;
  return arg.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? arg.value : undefined;
}

export function importedBinding(variable: TSESLint.Scope.Variable): ImportedBinding | undefined {
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type === 'ImportBinding') {
    if (def.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      // `import test = require('node:test')`
      const reference = def.node.moduleReference;
      if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
      const source = reference.expression.value;
      return typeof source === 'string' ? { source, imported: '*' } : undefined;
    }
    const declaration = def.parent as TSESTree.ImportDeclaration;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const source = declaration.source.value;
    const specifier = def.node as TSESTree.ImportClause;
    switch (specifier.type) {
      case AST_NODE_TYPES.ImportDefaultSpecifier:
        return { source, imported: 'default' };
      case AST_NODE_TYPES.ImportNamespaceSpecifier:
        return { source, imported: '*' };
      case AST_NODE_TYPES.ImportSpecifier: {
        const imported = specifier.imported;
        return { source, imported: imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value) };
      }
      default:
        return undefined;
    }
  }
  if (def.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const source = requireSource(declarator.init);
  if (source === undefined) return undefined;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return { source, imported: '*' };
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    if (property.value.type === AST_NODE_TYPES.Identifier && property.value.name === variable.name) {
      const key = property.key;
      if (key.type === AST_NODE_TYPES.Identifier) return { source, imported: key.name };
      if (key.type === AST_NODE_TYPES.Literal) return { source, imported: String(key.value) };
    }
  }
  return undefined;
}

/**
 * A worker thread script (it takes `parentPort` or `workerData` from `node:worker_threads` and never asks
 * `isMainThread`) runs on its own thread: blocking there is usually the point (a watchdog, a CPU pool), and it
 * does not stall the main event loop. Decided from the top-level imports and requires alone.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { normalizeModule } from './binding-origin';

const WORKER_SIDE = new Set(['parentPort', 'workerData']);

function importedNames(statement: TSESTree.ProgramStatement): string[] {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
    if (normalizeModule(statement.source.value) !== 'worker_threads') return [];
    return statement.specifiers.flatMap((specifier) =>
      specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier
        ? [specifier.imported.name]
        : [],
    );
  }
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return [];
  return statement.declarations.flatMap((declarator) => {
    const init = declarator.init;
    const required =
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require' &&
      init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
      typeof init.arguments[0].value === 'string' &&
      normalizeModule(init.arguments[0].value) === 'worker_threads';
    if (!required || declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return [];
    return declarator.id.properties.flatMap((property) =>
      property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier ? [property.key.name] : [],
    );
  });
}

export function isWorkerScript(program: TSESTree.Program): boolean {
  const names = new Set(program.body.flatMap(importedNames));
  return !names.has('isMainThread') && [...names].some((name) => WORKER_SIDE.has(name));
}

/**
 * `const p = fetchX();` and then nothing: a promise stored in a local that is never awaited, returned,
 * passed on or handled is as lost as a dropped one (typescript-eslint issues #3359 and #8170).
 * Decided from the scope manager's references, so it costs one pass over the variable's own references,
 * and the checker is only asked about the initializer once no reference could have consumed the promise.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { skipValueWrappers } from './floating-syntax';

export interface StoredCandidate {
  readonly variable: TSESLint.Scope.Variable;
  readonly id: TSESTree.Identifier;
  readonly init: TSESTree.Expression;
  /** No reference reads the variable at all (so replacing the declaration cannot break anything). */
  readonly unreferenced: boolean;
}

/** A read that looks at the promise without taking it anywhere: `typeof p`, `!p`, `p === q`, `if (p)`, `${p}`. */
function isInertRead(identifier: TSESTree.Node, ignoreVoid: boolean): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'typeof' || parent.operator === '!' || (parent.operator === 'void' && !ignoreVoid);
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === identifier;
    case AST_NODE_TYPES.ForStatement:
      return parent.test === identifier;
    default:
      return false;
  }
}

/**
 * The cheap, syntax-only half of the check. Returns the candidate when `declarator` is a plain local
 * `const/let/var x = call()` (or `new …`) that nothing reassigns and no reference consumes.
 */
export function storedCandidate(
  declarator: TSESTree.VariableDeclarator,
  sourceCode: Readonly<TSESLint.SourceCode>,
  ignoreVoid: boolean,
): StoredCandidate | undefined {
  const { id, init } = declarator;
  if (id.type !== AST_NODE_TYPES.Identifier || !init) return undefined;
  const value = skipValueWrappers(init);
  if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declare) return undefined;
  if (declaration.kind !== 'const' && declaration.kind !== 'let' && declaration.kind !== 'var') return undefined;
  if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  const variable = sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === id.name);
  // Globals of a script are shared with other scripts; only module, function and block locals are ours to judge.
  if (!variable || variable.scope.type === 'global') return undefined;
  let unreferenced = true;
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return undefined;
    // ESLint's own scope manager (espree) has no type references, so only an explicit `false` skips one.
    if ((reference as { isValueReference?: boolean }).isValueReference === false) continue;
    unreferenced = false;
    if (!isInertRead(reference.identifier, ignoreVoid)) return undefined;
  }
  return { variable, id, init, unreferenced };
}

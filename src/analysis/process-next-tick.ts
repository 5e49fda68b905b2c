/**
 * `process.nextTick(cb)` ignores what `cb` returns, but @types/node types `cb` as `Function`, so
 * the contextual type says nothing: the callee is recognised by what `process` is bound to.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ValueSite } from './void-callback-sites';

const PROCESS_MODULES = new Set(['process', 'node:process']);

/** The callback (first argument) of `process.nextTick(…)`, or of `nextTick` imported from `node:process`. */
export function isProcessNextTickSite(sourceCode: Readonly<TSESLint.SourceCode>, site: ValueSite): boolean {
  if (site.kind !== 'argument' || site.index !== 0 || site.afterSpread || site.call.type !== AST_NODE_TYPES.CallExpression) {
    return false;
  }
  let callee = site.call.callee;
  if (callee.type === AST_NODE_TYPES.ChainExpression) callee = callee.expression;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // Most calls are `f(x)`: only a file importing `process` can bind `nextTick` to a plain name.
    return importsProcess(sourceCode.ast) && isNamedImportOfNextTick(sourceCode, callee);
  }
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    ASTUtils.getPropertyName(callee) === 'nextTick' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    isProcessBinding(sourceCode, callee.object)
  );
}

const processImports = new WeakMap<TSESTree.Program, boolean>();

function importsProcess(program: TSESTree.Program): boolean {
  let answer = processImports.get(program);
  if (answer === undefined) {
    answer = program.body.some(
      (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && PROCESS_MODULES.has(statement.source.value),
    );
    processImports.set(program, answer);
  }
  return answer;
}

function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier) {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}

/** The global `process`, `import process from 'node:process'` (or `* as`), `const p = require('process')`. */
function isProcessBinding(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) return identifier.name === 'process';
  if (variable.defs.length !== 1) return false;
  const def = variable.defs[0]!;
  if (def.type === 'ImportBinding') {
    return (
      (def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier || def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) &&
      def.parent.type === AST_NODE_TYPES.ImportDeclaration &&
      PROCESS_MODULES.has(def.parent.source.value)
    );
  }
  return (
    def.type === 'Variable' &&
    def.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.id.type === AST_NODE_TYPES.Identifier &&
    def.parent?.type === AST_NODE_TYPES.VariableDeclaration &&
    def.parent.kind === 'const' &&
    isRequireOfProcess(sourceCode, def.node.init)
  );
}

function isRequireOfProcess(sourceCode: Readonly<TSESLint.SourceCode>, init: TSESTree.Expression | null): boolean {
  if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return false;
  if (init.callee.name !== 'require' || init.arguments.length !== 1) return false;
  const source = init.arguments[0]!;
  const required = variableOf(sourceCode, init.callee);
  return (
    (!required || required.defs.length === 0) &&
    source.type === AST_NODE_TYPES.Literal &&
    typeof source.value === 'string' &&
    PROCESS_MODULES.has(source.value)
  );
}

/** `import { nextTick } from 'node:process'` (renamed or not). */
function isNamedImportOfNextTick(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0]! : undefined;
  return (
    def?.type === 'ImportBinding' &&
    def.node.type === AST_NODE_TYPES.ImportSpecifier &&
    def.parent.type === AST_NODE_TYPES.ImportDeclaration &&
    PROCESS_MODULES.has(def.parent.source.value) &&
    (def.node.imported.type === AST_NODE_TYPES.Identifier ? def.node.imported.name : def.node.imported.value) === 'nextTick'
  );
}

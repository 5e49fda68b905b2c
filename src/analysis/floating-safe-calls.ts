/**
 * Calls whose returned promise may float on purpose: `node:test`'s `test/describe/it/suite` (and their
 * `.skip/.only/.todo` forms) — the runner tracks them itself — plus the user's `allowForKnownSafeCalls`
 * (typescript-eslint's TypeOrValueSpecifier format, so existing configurations carry over).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  type TypeOrValueSpecifier,
  typeMatchesSomeSpecifier,
  valueMatchesSomeSpecifier,
} from '@typescript-eslint/type-utils';
import * as ts from 'typescript';
import type { TypeServices } from './types';
import { importedBinding } from './floating-imports';
import { resolveVariable, skipValueWrappers, staticMemberName } from './floating-syntax';

const TEST_MODULES = new Set(['node:test', 'test']);
const TEST_FUNCTIONS = new Set(['test', 'describe', 'it', 'suite']);
const TEST_MODIFIERS = new Set(['skip', 'only', 'todo']);

type GetScope = (node: TSESTree.Node) => TSESLint.Scope.Scope;

function bindingOf(identifier: TSESTree.Node, getScope: GetScope) {
  if (identifier.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolveVariable(getScope(identifier), identifier.name);
  return variable && importedBinding(variable);
}

/** `it`, `test.skip`, `nodeTest.describe.only` … with the base name bound by an import/require of `node:test`. */
function isNodeTestCallBySyntax(callee: TSESTree.Expression, getScope: GetScope): boolean {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const binding = bindingOf(callee, getScope);
    if (!binding || !TEST_MODULES.has(binding.source)) return false;
    // The module object itself is `test` (CommonJS `export =`), so a default import or plain require is callable.
    return TEST_FUNCTIONS.has(binding.imported) || binding.imported === 'default' || binding.imported === '*';
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = staticMemberName(callee);
  if (name === undefined || !TEST_FUNCTIONS.has(name)) return false;
  const binding = bindingOf(callee.object, getScope);
  return binding !== undefined && TEST_MODULES.has(binding.source);
}

function declaredInTestModule(declaration: ts.Node): boolean {
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return TEST_MODULES.has(node.name.text);
  }
  return false;
}

/**
 * Typed fallback for re-exports and aliases (`export { it } from 'node:test'`, `const t = test`): the function the
 * callee's type belongs to is declared in `node:test`.
 */
function isNodeTestCallByType(callee: TSESTree.Expression, services: TypeServices): boolean {
  const checker = services.checker;
  let symbol = services.typeOf(callee).getSymbol();
  if (!symbol) {
    symbol = checker.getSymbolAtLocation(services.tsNode(callee));
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  }
  if (!symbol || !TEST_FUNCTIONS.has(symbol.getName())) return false;
  return (symbol.getDeclarations() ?? []).some(declaredInTestModule);
}

export function isNodeTestCall(call: TSESTree.CallExpression, getScope: GetScope, services?: TypeServices): boolean {
  let callee = skipValueWrappers(call.callee as TSESTree.Expression);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const modifier = staticMemberName(callee);
    if (modifier !== undefined && TEST_MODIFIERS.has(modifier)) callee = skipValueWrappers(callee.object as TSESTree.Expression);
  }
  if (isNodeTestCallBySyntax(callee, getScope)) return true;
  return services !== undefined && isNodeTestCallByType(callee, services);
}

/** The node whose written name the specifiers match: the identifier, or the property of `obj.method`. */
function nameNodeOf(callee: TSESTree.Expression): TSESTree.Node {
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
}

function specifierNames(specifier: Exclude<TypeOrValueSpecifier, string>): readonly string[] {
  return typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
}

/**
 * Without types: plain names and `from: 'file'` (declared in this file). Package and lib specifiers cannot
 * match there, since syntax alone never proves an imported or built-in function returns a promise.
 */
function matchesSpecifierBySyntax(callee: TSESTree.Expression, specifier: TypeOrValueSpecifier, getScope: GetScope): boolean {
  const nameNode = nameNodeOf(callee);
  const name = nameNode.type === AST_NODE_TYPES.Identifier || nameNode.type === AST_NODE_TYPES.PrivateIdentifier
    ? nameNode.name
    : undefined;
  if (name === undefined) return false;
  if (typeof specifier === 'string') return specifier === name;
  if (specifier.from !== 'file' || !specifierNames(specifier).includes(name)) return false;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return callee.object.type === AST_NODE_TYPES.ThisExpression;
  const variable = callee.type === AST_NODE_TYPES.Identifier ? resolveVariable(getScope(callee), callee.name) : undefined;
  return variable !== undefined && variable.defs.length > 0 && importedBinding(variable) === undefined;
}

export function isAllowListedCall(
  call: TSESTree.CallExpression,
  specifiers: readonly TypeOrValueSpecifier[],
  getScope: GetScope,
  services?: TypeServices,
): boolean {
  if (specifiers.length === 0) return false;
  const callee = skipValueWrappers(call.callee as TSESTree.Expression);
  if (!services) return specifiers.some((specifier) => matchesSpecifierBySyntax(callee, specifier, getScope));
  const list = specifiers as TypeOrValueSpecifier[];
  const type = services.typeOf(callee);
  return (
    valueMatchesSomeSpecifier(nameNodeOf(callee), list, services.program, type) ||
    typeMatchesSomeSpecifier(type, list, services.program)
  );
}

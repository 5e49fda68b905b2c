/**
 * The suggestion of `no-blocking-call`: `readFileSync(p)` → `await readFile(p)`, only where that is safe —
 * directly inside the async function's body, with a drop-in alternative, and a callee that can be written
 * without clashing names: `fs.promises.readFile` for a module object, an existing import of the
 * alternative, or a new `import { readFile } from 'node:fs/promises'` (`require` in CommonJS files). A
 * method's twin is called on the same object: `dir.readSync()` → `await dir.read()`.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';
import * as ts from 'typescript';
import type { BlockingApi } from './blocking-apis';
import { normalizeModule, type OriginResolver } from './binding-origin';
import { EventLoopContexts, type FunctionNode } from './event-loop-context';
import { askChecker } from './resolve-callee';
import type { TypeServices } from './types';

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];

export interface AlternativeFixInput {
  readonly call: TSESTree.CallExpression;
  readonly api: BlockingApi;
  readonly asyncFunction: FunctionNode;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly origins: OriginResolver;
  readonly services: TypeServices | undefined;
}

/** Parents under which `await x` needs no parentheses in place of `x`. */
function awaitFitsBare(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.AwaitExpression:
      return true;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === call;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === call;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee !== call;
    case AST_NODE_TYPES.Property:
      return parent.value === call && !parent.shorthand;
    default:
      return false;
  }
}

export function asyncAlternativeFix(input: AlternativeFixInput): Fix | undefined {
  const { call, api, asyncFunction, sourceCode } = input;
  const alternative = api.alternative;
  if (!alternative?.dropIn) return undefined;
  if (call.optional || call.parent.type === AST_NODE_TYPES.ChainExpression) return undefined;
  if (call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.optional) return undefined;
  // `await` is allowed in the body only, and only if no other function sits in between.
  if (EventLoopContexts.enclosingFunction(call) !== asyncFunction || !isWithin(call, asyncFunction.body)) return undefined;
  if (!argumentsFit(input)) return undefined;

  const callee = replacementCallee(input);
  if (!callee) return undefined;
  const rest = sourceCode.text.slice(call.callee.range[1], call.range[1]);
  const awaited = `await ${callee.text}${rest}`;
  const replacement = awaitFitsBare(call) ? awaited : `(${awaited})`;
  return (fixer) => [fixer.replaceText(call, replacement), ...(callee.extraFix ? [callee.extraFix(fixer)] : [])];
}

function isWithin(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** A file descriptor or an option the alternative lacks would change what the call does. */
function argumentsFit({ call, api, services }: AlternativeFixInput): boolean {
  const args = call.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return false;
  const first = args[0];
  if (api.module === 'fs' && first) {
    // fs/promises takes paths and FileHandles, not numeric descriptors.
    if (first.type === AST_NODE_TYPES.Literal && typeof first.value === 'number') return false;
    if (services) {
      const numeric = askChecker(
        () => tsutils.unionConstituents(services.typeOf(first)).some((part) => tsutils.isTypeFlagSet(part, ts.TypeFlags.NumberLike)),
        true,
      );
      if (numeric) return false;
    }
  }
  const option = api.alternative?.unlessOption;
  if (option) {
    for (const arg of args.slice(1)) {
      if (arg.type !== AST_NODE_TYPES.ObjectExpression) return false;
      for (const property of arg.properties) {
        if (property.type !== AST_NODE_TYPES.Property) return false;
        if (ASTUtils.getPropertyName(property) !== option) continue;
        return false;
      }
    }
  }
  return true;
}

interface Callee {
  readonly text: string;
  readonly extraFix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;
}

function replacementCallee(input: AlternativeFixInput): Callee | undefined {
  const { call, api, sourceCode, origins } = input;
  const alternative = api.alternative!;
  const callee = call.callee;
  if (alternative.className) {
    // `zip.addSync(…)` → `zip.add(…)`, `ZipFile.openSync(…)` → `ZipFile.open(…)`: the twin method of the
    // same object, written after the object's text as it stands (parentheses, line breaks and all).
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
    return { text: `${sourceCode.text.slice(callee.range[0], callee.property.range[0])}${alternative.name}` };
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // `fs.readFileSync` → `fs.promises.readFile`: the same module object, no new binding.
    const objectOrigin = origins.originOf(callee.object);
    if (objectOrigin?.kind !== 'module' || objectOrigin.module !== 'fs' || alternative.module !== 'fs/promises') return undefined;
    const object = sourceCode.getText(callee.object);
    const needsParens = callee.object.type !== AST_NODE_TYPES.Identifier && callee.object.type !== AST_NODE_TYPES.MemberExpression && callee.object.type !== AST_NODE_TYPES.CallExpression;
    return { text: `${needsParens ? `(${object})` : object}.promises.${alternative.name}` };
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;

  const program = sourceCode.ast;
  const scope = sourceCode.getScope(call);
  const existing = existingImport(program, alternative.module, alternative.name);
  if (existing) {
    // Usable only if that binding is what the name means at the call site.
    const variable = ASTUtils.findVariable(scope, existing.local);
    const def = variable?.defs[0];
    if (def?.type === 'ImportBinding' && def.node === existing.specifier) return { text: existing.text };
    return undefined;
  }
  if (!isFreeName(sourceCode, scope, alternative.name)) return undefined;

  const binding = origins.variableOf(callee)?.defs[0];
  const prefix = bareSpecifier(binding) === api.module ? '' : 'node:';
  const specifier = `'${prefix}${alternative.module}'`;
  const imports = program.body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const lastImport = imports[imports.length - 1];
  if (lastImport) {
    return {
      text: alternative.name,
      extraFix: (fixer) => fixer.insertTextAfter(lastImport, `\nimport { ${alternative.name} } from ${specifier};`),
    };
  }
  // CommonJS: next to the top-level `require` the blocking function came from.
  const statement = binding?.type === 'Variable' ? binding.parent : undefined;
  if (statement?.type === AST_NODE_TYPES.VariableDeclaration && statement.parent.type === AST_NODE_TYPES.Program) {
    return {
      text: alternative.name,
      extraFix: (fixer) => fixer.insertTextAfter(statement, `\nconst { ${alternative.name} } = require(${specifier});`),
    };
  }
  return undefined;
}

/** The module specifier the blocking function was imported or required from, as written. */
function bareSpecifier(def: { node: TSESTree.Node; parent?: TSESTree.Node | null } | undefined): string | undefined {
  if (def?.parent?.type === AST_NODE_TYPES.ImportDeclaration) return def.parent.source.value;
  const init = def?.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.init : undefined;
  const source = init?.type === AST_NODE_TYPES.CallExpression ? init.arguments[0] : undefined;
  return source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' ? source.value : undefined;
}

function existingImport(
  program: TSESTree.Program,
  module: string,
  name: string,
): { specifier: TSESTree.ImportClause; local: string; text: string } | undefined {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    if (normalizeModule(statement.source.value) !== module) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        if (imported === name && specifier.importKind !== 'type') return { specifier, local: specifier.local.name, text: specifier.local.name };
      } else if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
        return { specifier, local: specifier.local.name, text: `${specifier.local.name}.${name}` };
      }
    }
  }
  return undefined;
}

/** Nothing at the call site or anywhere at module level means `name` yet (no global use it would capture). */
function isFreeName(sourceCode: Readonly<TSESLint.SourceCode>, scope: TSESLint.Scope.Scope, name: string): boolean {
  if (ASTUtils.findVariable(scope, name)) return false;
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return false;
  if (globalScope.through.some((reference) => reference.identifier.name === name)) return false;
  const moduleScope = globalScope.childScopes[0];
  return !moduleScope?.set.has(name);
}

/**
 * Syntax-only questions behind `no-async-void-callback`: where a function value lands
 * (argument, property, variable, return, JSX attribute …) and whether its body could
 * produce a promise at all. Everything here is cheap; the checker is asked only after these
 * filters pass.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, type FunctionNode } from './enclosing-function';

/** Where a value goes, as far as syntax can tell. */
export type ValueSite =
  | { kind: 'argument'; call: TSESTree.CallExpression | TSESTree.NewExpression; index: number; afterSpread: boolean }
  | { kind: 'property'; property: TSESTree.Property }
  | { kind: 'classProperty'; property: TSESTree.PropertyDefinition | TSESTree.AccessorProperty }
  | { kind: 'variable'; declarator: TSESTree.VariableDeclarator }
  | { kind: 'assignment'; assignment: TSESTree.AssignmentExpression }
  | { kind: 'element'; array: TSESTree.ArrayExpression }
  | { kind: 'return'; owner: FunctionNode }
  | { kind: 'attribute'; attribute: TSESTree.JSXAttribute; container: TSESTree.JSXExpressionContainer };

/**
 * The site a value flows into. `a ? f : g` and `a ?? f` pass their operands' contextual
 * type through, so the walk climbs them; `as`/`satisfies` state a type on purpose and stop it.
 */
export function valueSiteOf(value: TSESTree.Node): ValueSite | undefined {
  let node: TSESTree.Node = value;
  let parent = node.parent;
  while (
    parent &&
    ((parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
      parent.type === AST_NODE_TYPES.LogicalExpression)
  ) {
    node = parent;
    parent = node.parent;
  }
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
      if (index < 0) return undefined;
      const afterSpread = parent.arguments.slice(0, index).some((arg) => arg.type === AST_NODE_TYPES.SpreadElement);
      return { kind: 'argument', call: parent, index, afterSpread };
    }
    case AST_NODE_TYPES.Property:
      if (parent.value !== node || parent.kind !== 'init' || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) {
        return undefined;
      }
      return { kind: 'property', property: parent };
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.AccessorProperty:
      return parent.value === node ? { kind: 'classProperty', property: parent } : undefined;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === node ? { kind: 'variable', declarator: parent } : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === node && parent.operator === '=' ? { kind: 'assignment', assignment: parent } : undefined;
    case AST_NODE_TYPES.ArrayExpression:
      return { kind: 'element', array: parent };
    case AST_NODE_TYPES.ReturnStatement: {
      const owner = enclosingFunction(parent);
      return owner ? { kind: 'return', owner } : undefined;
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === node ? { kind: 'return', owner: parent } : undefined;
    case AST_NODE_TYPES.JSXExpressionContainer:
      return parent.parent.type === AST_NODE_TYPES.JSXAttribute
        ? { kind: 'attribute', attribute: parent.parent, container: parent }
        : undefined;
    default:
      return undefined;
  }
}


/** Expressions whose value is never a promise, whatever the types say. */
export function isNeverPromise(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
    case AST_NODE_TYPES.JSXElement:
    case AST_NODE_TYPES.JSXFragment:
      return true;
    case AST_NODE_TYPES.ObjectExpression:
      // An object literal is a thenable only if it spells out (or spreads in) a `then`.
      return node.properties.every(
        (p) => p.type === AST_NODE_TYPES.Property && !p.computed && ASTUtils.getPropertyName(p) !== 'then',
      );
    case AST_NODE_TYPES.Identifier:
      return node.name === 'undefined';
    case AST_NODE_TYPES.AssignmentExpression:
      return node.operator !== '=' && !['||=', '&&=', '??='].includes(node.operator);
    default:
      return false;
  }
}

/** What syntax says about a function's result: certainly a promise, possibly one, or never one. */
export type ReturnShape = 'promise' | 'maybe' | 'never';

const NEVER_PROMISE_ANNOTATIONS = new Set<string>([
  AST_NODE_TYPES.TSVoidKeyword,
  AST_NODE_TYPES.TSUndefinedKeyword,
  AST_NODE_TYPES.TSNeverKeyword,
  AST_NODE_TYPES.TSNullKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSSymbolKeyword,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSTemplateLiteralType,
  AST_NODE_TYPES.TSArrayType,
  AST_NODE_TYPES.TSTupleType,
  AST_NODE_TYPES.TSFunctionType,
  AST_NODE_TYPES.TSTypePredicate,
]);

/**
 * `returnsValue` says whether the block body has a `return <expr>` that could be a promise
 * (the rule tracks that while walking, so no body is walked twice).
 */
export function returnShapeOf(fn: FunctionNode, returnsValue: boolean): ReturnShape {
  if (fn.generator) return 'never';
  if (fn.async) return 'promise';
  if (fn.returnType) {
    return NEVER_PROMISE_ANNOTATIONS.has(fn.returnType.typeAnnotation.type) ? 'never' : 'maybe';
  }
  if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) {
    return fn.body && !isNeverPromise(fn.body) ? 'maybe' : 'never';
  }
  return returnsValue ? 'maybe' : 'never';
}

/**
 * A type annotation that could name a function type; `x: string` or `x: number[]` cannot,
 * so the checker is never asked about those.
 */
export function isPossiblyFunctionAnnotation(annotation: TSESTree.TypeNode): boolean {
  switch (annotation.type) {
    case AST_NODE_TYPES.TSTypeLiteral:
      return annotation.members.some((m) => m.type === AST_NODE_TYPES.TSCallSignatureDeclaration);
    case AST_NODE_TYPES.TSFunctionType:
    case AST_NODE_TYPES.TSTypeReference:
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
    case AST_NODE_TYPES.TSConditionalType:
    case AST_NODE_TYPES.TSIndexedAccessType:
    case AST_NODE_TYPES.TSImportType:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSTypeOperator:
    case AST_NODE_TYPES.TSThisType:
    case AST_NODE_TYPES.TSInferType:
      return true;
    default:
      return false;
  }
}

/** What this file's scopes say about the binding an identifier reads (one scope lookup). */
export interface LocalBinding {
  /** The function it is bound to, when syntax proves it (see `localFunctionOf`). */
  fn?: FunctionNode;
  /**
   * The name in its only declaration, for a binding declared in this module (not an import,
   * not a script's global, which other files may merge into): the checker's symbol for it
   * has that one declaration, so its declared type can be read without resolving the name.
   */
  declaredName?: TSESTree.Identifier;
}

const SOLE_DECLARATION_KINDS = new Set<string>(['Variable', 'Parameter', 'FunctionName', 'ClassName']);

export function localBindingOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): LocalBinding {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length !== 1) return {};
  const def = variable.defs[0]!;
  const declaredName =
    variable.scope.type !== 'global' && SOLE_DECLARATION_KINDS.has(def.type) && def.name.type === AST_NODE_TYPES.Identifier
      ? def.name
      : undefined;
  return { fn: localFunctionOf(variable), declaredName };
}

/**
 * The function a binding is bound to in this file, when syntax proves it: a function
 * declaration, or a `const` initialised with a function expression or arrow.
 */
function localFunctionOf(variable: NonNullable<ReturnType<typeof ASTUtils.findVariable>>): FunctionNode | undefined {
  const def = variable.defs[0]!;
  // A parameter's def node is its function too: only the function's own name is bound to it.
  if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) {
    // A function declaration can be reassigned like any binding.
    return variable.references.some((ref) => ref.isWrite()) ? undefined : def.node;
  }
  if (
    def.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.parent?.type === AST_NODE_TYPES.VariableDeclaration &&
    def.parent.kind === 'const' &&
    def.node.id.type === AST_NODE_TYPES.Identifier &&
    (def.node.init?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      def.node.init?.type === AST_NODE_TYPES.FunctionExpression)
  ) {
    return def.node.init;
  }
  return undefined;
}

/** True when `name` refers to the global binding (no local declaration shadows it). */
export function isGlobalReference(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return !variable || variable.defs.length === 0;
}

/** `name` of `name(...)`, `a.b.name(...)`, `a?.name(...)`; undefined for computed or odd callees. */
export function calleeName(callee: TSESTree.Expression): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    return callee.computed ? undefined : (ASTUtils.getPropertyName(callee) ?? undefined);
  }
  if (callee.type === AST_NODE_TYPES.ChainExpression) return calleeName(callee.expression);
  return undefined;
}

/** `async (x) =>` or `async function name(`: the part that says what the function is, not its body. */
export function headLocation(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.SourceLocation {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return ASTUtils.getFunctionHeadLocation(fn, sourceCode);
  const arrow = sourceCode.getTokenBefore(fn.body, { filter: ASTUtils.isArrowToken });
  return { start: fn.loc.start, end: arrow ? arrow.loc.end : fn.loc.end };
}

/**
 * Where a value comes from, proved by syntax and scope analysis alone (no types): an import, a `require`,
 * `import x = require()`, `await import()`, a global, a member of one of those, or an instance created
 * from one (`new DatabaseSync()`, `db.prepare()`). Only bindings that are never reassigned are followed.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export type Origin =
  /** The module object itself (namespace, default or `require` of a Node module), or `globalThis`. */
  | { readonly kind: 'module'; readonly module: string }
  /** A named export; globals are exports of `globalThis`. */
  | { readonly kind: 'export'; readonly module: string; readonly name: string }
  /** An instance of a class of the module (globals such as `Atomics` count as instances of themselves). */
  | { readonly kind: 'instance'; readonly module: string; readonly className: string }
  /** A method of an instance or of a global (`Atomics.wait`), or a static method of an exported class (`ZipFile.openSync`). */
  | { readonly kind: 'method'; readonly module: string; readonly className: string; readonly name: string };

export const GLOBAL_MODULE = 'globalThis';

export function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

/** The class of the instance a call returns (`db.prepare()` → `StatementSync`), from the catalogue. */
export type ReturnedClass = (callee: Origin) => string | undefined;

const MAX_DEPTH = 12;
const GLOBAL_OBJECT_NAMES = new Set(['globalThis', 'global']);

export function staticPropertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  const key = node.property;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function stringValue(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

export class OriginResolver {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly returnedClass: ReturnedClass,
  ) {}

  /** The variable an identifier refers to; `null` for an undeclared global. */
  variableOf(id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
    return ASTUtils.findVariable(this.sourceCode.getScope(id), id);
  }

  /** The identifier names a global (not shadowed by any declaration in the file). */
  isGlobal(id: TSESTree.Identifier): boolean {
    const variable = this.variableOf(id);
    return variable === null || variable.defs.length === 0;
  }

  originOf(node: TSESTree.Node, depth = 0): Origin | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        return this.originOf(node.expression, depth + 1);
      case AST_NODE_TYPES.Identifier:
        return this.identifierOrigin(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const name = staticPropertyName(node);
        return name === undefined ? undefined : memberOf(this.originOf(node.object, depth + 1), name);
      }
      case AST_NODE_TYPES.CallExpression: {
        const required = this.requiredModule(node);
        if (required !== undefined) return { kind: 'module', module: required };
        const callee = this.originOf(node.callee, depth + 1);
        const className = callee && this.returnedClass(callee);
        return callee && className ? { kind: 'instance', module: callee.module, className } : undefined;
      }
      case AST_NODE_TYPES.NewExpression: {
        const callee = this.originOf(node.callee, depth + 1);
        return callee?.kind === 'export' ? { kind: 'instance', module: callee.module, className: callee.name } : undefined;
      }
      case AST_NODE_TYPES.AwaitExpression: {
        const source = node.argument.type === AST_NODE_TYPES.ImportExpression ? stringValue(node.argument.source) : undefined;
        return source === undefined ? undefined : { kind: 'module', module: normalizeModule(source) };
      }
      default:
        return undefined;
    }
  }

  /** `require('fs')` with the global `require`: the module name. */
  requiredModule(call: TSESTree.CallExpression): string | undefined {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require') return undefined;
    const source = stringValue(call.arguments[0]);
    return source !== undefined && this.isGlobal(call.callee) ? normalizeModule(source) : undefined;
  }

  private identifierOrigin(id: TSESTree.Identifier, depth: number): Origin | undefined {
    const variable = this.variableOf(id);
    if (variable === null || variable.defs.length === 0) {
      return GLOBAL_OBJECT_NAMES.has(id.name)
        ? { kind: 'module', module: GLOBAL_MODULE }
        : { kind: 'export', module: GLOBAL_MODULE, name: id.name };
    }
    if (variable.defs.length !== 1 || variable.references.some((ref) => ref.isWrite() && !ref.init)) return undefined;
    const def = variable.defs[0]!;
    if (def.type === 'ImportBinding') return importOrigin(def.node);
    if (def.type !== 'Variable' || !def.node.init) return undefined;
    const declarator = def.node;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) return this.originOf(declarator.init!, depth + 1);
    const path = patternPath(declarator.id, def.name);
    if (!path) return undefined;
    let origin = this.originOf(declarator.init!, depth + 1);
    for (const key of path) origin = memberOf(origin, key);
    return origin;
  }
}

function importOrigin(
  node: TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration,
): Origin | undefined {
  if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    const ref = node.moduleReference;
    if (ref.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
    const source = stringValue(ref.expression);
    return source === undefined ? undefined : { kind: 'module', module: normalizeModule(source) };
  }
  const declaration = node.parent;
  if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
  const module = normalizeModule(declaration.source.value);
  if (node.type !== AST_NODE_TYPES.ImportSpecifier) return { kind: 'module', module };
  if (node.importKind === 'type') return undefined;
  const name = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
  return name === 'default' ? { kind: 'module', module } : { kind: 'export', module, name };
}

/** Property keys leading from the destructured value to `name` in `const { a: { b: name } } = …`. */
function patternPath(pattern: TSESTree.Node, name: TSESTree.Identifier): string[] | undefined {
  if (pattern === name) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return patternPath(pattern.left, name);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = property.computed
      ? stringValue(property.key)
      : property.key.type === AST_NODE_TYPES.Identifier
        ? property.key.name
        : stringValue(property.key);
    if (key === undefined) continue;
    const rest = patternPath(property.value, name);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

export function memberOf(base: Origin | undefined, name: string): Origin | undefined {
  if (!base) return undefined;
  switch (base.kind) {
    case 'module':
      if (base.module !== GLOBAL_MODULE && name === 'default') return base;
      return { kind: 'export', module: base.module, name };
    case 'export':
      // Globals are singletons: `Atomics.wait` is the method `wait` of the global `Atomics`. A module's
      // export may be a class: `zlib.ZipFile.openSync` is its static method, keyed as the checker keys it
      // (by declaring class, static or not), so only a catalogued `className` + `name` pair can match.
      return { kind: 'method', module: base.module, className: base.name, name };
    case 'instance':
      return { kind: 'method', module: base.module, className: base.className, name };
    default:
      return undefined;
  }
}

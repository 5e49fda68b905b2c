/**
 * What a call really calls, as an entry of the blocking-API catalogue: through imports, `require`,
 * destructuring and aliases by scope analysis, and — with type information — through the checker
 * (the declaration the callee's symbol resolves to: its ambient module and declaring class). Never by name alone.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';
import * as ts from 'typescript';
import { BLOCKING_APIS, type BlockingApi, INSTANCE_FACTORIES } from './blocking-apis';
import { GLOBAL_MODULE, normalizeModule, type Origin, type OriginResolver, staticPropertyName } from './binding-origin';
import type { TypeServices } from './types';

export type ApiSpec =
  | { readonly module: string; readonly name: string }
  | { readonly module: string; readonly className: string; readonly method: string };

function key(module: string, className: string | undefined, name: string): string {
  return `${normalizeModule(module)}#${className ?? ''}#${name}`;
}

function specKey(spec: ApiSpec): string {
  return 'method' in spec ? key(spec.module, spec.className, spec.method) : key(spec.module, undefined, spec.name);
}

/**
 * The checker can throw on some malformed trees (e.g. microsoft/TypeScript#48878); a rule must not. On a throw
 * the caller gets its conservative answer (the one that reports nothing it cannot prove).
 */
export function askChecker<T>(question: () => T, fallback: T): T {
  try {
    return question();
  } catch {
    return fallback;
  }
}

const FACTORY_RETURNS = new Map(INSTANCE_FACTORIES.map((f) => [key(f.module, f.className, f.name), f.returns]));

export class ApiIndex {
  /** Callee names worth resolving: a call whose name is not here cannot be a catalogued API. */
  readonly names = new Set<string>();
  /** Modules with catalogued APIs (without `node:`). */
  readonly modules = new Set<string>();
  private readonly byKey = new Map<string, BlockingApi>();
  /** Per name, the modules that declare a catalogued API of that name. */
  private readonly modulesByName = new Map<string, Set<string>>();

  constructor(additionalApis: readonly ApiSpec[], allow: readonly ApiSpec[]) {
    const allowed = new Set(allow.map(specKey));
    const extra: BlockingApi[] = additionalApis.map((spec) =>
      'method' in spec
        ? { module: normalizeModule(spec.module), className: spec.className, name: spec.method, why: 'is listed in `additionalApis`' }
        : { module: normalizeModule(spec.module), name: spec.name, why: 'is listed in `additionalApis`' },
    );
    for (const api of [...BLOCKING_APIS, ...extra]) {
      const apiKey = key(api.module, api.className, api.name);
      if (allowed.has(apiKey) || this.byKey.has(apiKey)) continue;
      this.byKey.set(apiKey, api);
      this.names.add(api.name);
      this.modules.add(api.module);
      const modules = this.modulesByName.get(api.name) ?? new Set<string>();
      modules.add(api.module);
      this.modulesByName.set(api.name, modules);
    }
  }

  modulesNaming(name: string): ReadonlySet<string> | undefined {
    return this.modulesByName.get(name);
  }

  lookup(module: string, className: string | undefined, name: string): BlockingApi | undefined {
    return this.byKey.get(key(module, className, name));
  }

  /** For the syntax route: `db.prepare()` gives a `StatementSync`, `db.createTagStore()` an `SQLTagStore`. */
  returnedClass(origin: Origin): string | undefined {
    if (origin.kind === 'export') return this.lookup(origin.module, undefined, origin.name)?.returns;
    if (origin.kind !== 'method') return undefined;
    const methodKey = key(origin.module, origin.className, origin.name);
    return this.byKey.get(methodKey)?.returns ?? FACTORY_RETURNS.get(methodKey);
  }
}

/** The callee's name as written (`readFileSync`, `fs.readFileSync`, `fs['readFileSync']`). */
export function calleeName(callee: TSESTree.Expression): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(callee);
  return undefined;
}

function isFunctionExpression(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

function isPlainValue(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    default:
      return false;
  }
}

function isSmallNumber(node: TSESTree.Node | undefined, max: number): boolean {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'number' && node.value <= max;
}

const NODE_MODULES = new Set(BLOCKING_APIS.map((api) => api.module));
const ambientModulesByProgram = new WeakMap<ts.Program, ReadonlySet<string>>();

/** The Node modules the program declares (`declare module "node:sqlite"` exists only in newer @types/node). */
function ambientModules(services: TypeServices): ReadonlySet<string> {
  let modules = ambientModulesByProgram.get(services.program);
  if (!modules) {
    modules = new Set(
      askChecker(() => services.checker.getAmbientModules(), []).map((symbol) => normalizeModule(symbol.getName().replace(/^["']|["']$/g, ''))),
    );
    ambientModulesByProgram.set(services.program, modules);
  }
  return modules;
}

export class CalleeResolver {
  constructor(
    private readonly index: ApiIndex,
    private readonly origins: OriginResolver,
    private readonly services: TypeServices | undefined,
  ) {}

  /**
   * Whether the checker could resolve a call named `name` to a catalogued API: not when every module declaring
   * one is a Node module the program lacks (`.get()` cannot be `StatementSync#get` without node:sqlite types).
   */
  private worthAskingChecker(name: string | undefined): boolean {
    const modules = name === undefined ? undefined : this.index.modulesNaming(name);
    if (!modules) return true; // a renamed import
    const declared = ambientModules(this.services!);
    for (const module of modules) {
      if (module === GLOBAL_MODULE || !NODE_MODULES.has(module) || declared.has(module)) return true;
    }
    return false;
  }

  /** The catalogued API this call blocks on, or undefined. */
  resolve(call: TSESTree.CallExpression): BlockingApi | undefined {
    const api = this.syntaxApi(call.callee) ?? this.typedApi(call.callee);
    if (!api) return undefined;
    if (api.blocksOnlyWithoutCallback && this.mayHaveCallback(call)) return undefined;
    if (api.cheapUpTo && isSmallNumber(call.arguments[api.cheapUpTo.argument], api.cheapUpTo.max)) return undefined;
    return api;
  }

  /** A catalogued function handed over as a value (`files.forEach(fs.unlinkSync)`), whatever it will be called with. */
  resolveReference(reference: TSESTree.Expression): BlockingApi | undefined {
    const api = this.syntaxApi(reference) ?? this.typedApi(reference);
    return api?.blocksOnlyWithoutCallback ? undefined : api;
  }

  syntaxApi(callee: TSESTree.Expression): BlockingApi | undefined {
    const origin = this.origins.originOf(callee);
    if (origin?.kind === 'export') return this.index.lookup(origin.module, undefined, origin.name);
    if (origin?.kind === 'method') return this.index.lookup(origin.module, origin.className, origin.name);
    return undefined;
  }

  /** An import from a module other than the catalogued ones: it may re-export an API under another name. */
  mayRenameApi(specifier: TSESTree.ImportSpecifier): boolean {
    const declaration = specifier.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return false;
    if (specifier.importKind === 'type' || declaration.importKind === 'type') return false;
    return !this.index.modules.has(normalizeModule(declaration.source.value));
  }

  /** With types: the import brings in a catalogued API under another name (`export { readFileSync as load }`). */
  importsBlockingApi(specifier: TSESTree.ImportSpecifier): boolean {
    const services = this.services;
    return services !== undefined && askChecker(() => this.apiAt(services.tsNode(specifier.local)) !== undefined, false);
  }

  private typedApi(callee: TSESTree.Expression): BlockingApi | undefined {
    const services = this.services;
    if (!services || !this.worthAskingChecker(calleeName(callee))) return undefined;
    return askChecker(() => {
      let target = services.tsNode(callee);
      if (ts.isPropertyAccessExpression(target)) target = target.name;
      else if (ts.isElementAccessExpression(target)) target = target.argumentExpression;
      return this.apiAt(target);
    }, undefined);
  }

  private apiAt(target: ts.Node): BlockingApi | undefined {
    const { checker, program } = this.services!;
    let symbol = checker.getSymbolAtLocation(target);
    if (symbol && tsutils.isSymbolFlagSet(symbol, ts.SymbolFlags.Alias)) symbol = checker.getAliasedSymbol(symbol);
    if (!symbol) return undefined;
    for (const declaration of symbol.declarations ?? []) {
      const module = declaringModule(program, declaration);
      if (module === undefined) continue;
      const api = this.index.lookup(module, declaringClass(declaration), symbol.name);
      if (api) return api;
    }
    return undefined;
  }

  /** `randomBytes(n, cb)` is asynchronous; when unsure, assume a callback (no report). */
  private mayHaveCallback(call: TSESTree.CallExpression): boolean {
    const args = call.arguments;
    if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return true;
    const last = args[args.length - 1];
    if (!last) return false;
    if (isFunctionExpression(last)) return true;
    if (args.length === 1) return false;
    const services = this.services;
    if (services) {
      return askChecker(() => {
        const type = services.typeOf(last);
        if (tsutils.isTypeFlagSet(type, ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
        return tsutils.unionConstituents(type).some((part) => part.getCallSignatures().length > 0);
      }, true);
    }
    return !isPlainValue(last);
  }
}

/** `fs` for a declaration inside `declare module "node:fs"`; `globalThis` for the default lib; a package name under node_modules. */
function declaringModule(program: ts.Program, declaration: ts.Node): string | undefined {
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return normalizeModule(node.name.text);
  }
  const file = declaration.getSourceFile();
  if (program.isSourceFileDefaultLibrary(file)) return GLOBAL_MODULE;
  if (!file.isDeclarationFile) return undefined;
  const match = [...file.fileName.matchAll(/[\\/]node_modules[\\/](?:@types[\\/])?((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/g)].pop();
  if (!match) return undefined;
  const name = match[1]!.replace(/\\/g, '/');
  // @types/scope__pkg declares @scope/pkg.
  return /^[^@].*__/.test(name) ? `@${name.replace('__', '/')}` : name;
}

function declaringClass(declaration: ts.Node): string | undefined {
  const parent = declaration.parent;
  if (parent && (ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent))) return parent.name?.text;
  return undefined;
}

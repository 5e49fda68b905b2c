/**
 * The per-module prologue (docs/internals.md): obtain the hooks object and register the site table.
 *
 * CommonJS output gets a plain `require` statement: it is not an import, so TypeScript's import
 * elision cannot drop it. ES module output gets an `import`; TypeScript keeps synthesized import
 * declarations (only parse-tree imports are elision candidates), which the tests check for each
 * module kind. The table is a `var`, and so is CommonJS's hooks object, never a `const`:
 * - In ESM, with circular imports a hoisted function of this module can run before the module body
 *   does, and must then see `undefined`, not a TDZ error.
 * - Every instrumented function reads both on each call and await. V8 checks a `const` read from an
 *   inner function for its TDZ hole each time, and a `var` it does not: 3–6 instructions per call +
 *   await (docs/benchmarks.md, "Instructions per call"). In CommonJS nothing can run before them:
 *   the prologue comes before every statement of the module, its `require`s included.
 *
 * The table also says where the source lies as seen from the emitted file (like a source map's
 * `sources`) and passes the module's own location (`__filename`, `import.meta.url`), so that the
 * runtime can print paths relative to the working directory wherever the output is run from; no
 * absolute build path is baked in. Both are resolved when something is reported, never on load.
 */
import * as path from 'node:path';
import type * as ts from 'typescript';
import type { CompilerInternals } from './compiler';
import type { EmittedNames } from './hook-calls';
import type { SiteTable } from './site-table';

export const RUNTIME_MODULE = 'loopwatch/runtime';

export type ModuleFormat = 'commonjs' | 'esm';

/** `"use strict";` and the like, which must stay the first statements of a body or file. */
export function isDirective(tsi: typeof ts, statement: ts.Statement): boolean {
  return tsi.isExpressionStatement(statement) && tsi.isStringLiteral(statement.expression);
}

/**
 * Which syntax loads the runtime in this file's output, as TypeScript decides its module transform:
 * the module kind with TypeScript's own defaults (`getEmitModuleKind`: without `module` and `target`,
 * TypeScript 5 emits CommonJS and TypeScript 6 ES modules), then the file's own format where that
 * kind leaves it to the file. `undefined` for a script (no import or export) under ES module output:
 * TypeScript emits it as a script, and an `import` would turn it into a module — strict, its
 * top-level `var`s no longer globals, no `require` — so it is left uninstrumented
 * (`moduleDetection: "force"` makes it a module).
 */
export function moduleFormat(tsi: typeof ts & CompilerInternals, sourceFile: ts.SourceFile, options: ts.CompilerOptions): ModuleFormat | undefined {
  const { ModuleKind, ScriptTarget } = tsi;
  // TypeScript 5's defaults stand in only for a compiler without getEmitModuleKind.
  const module = tsi.getEmitModuleKind?.(options)
    ?? options.module ?? ((options.target ?? ScriptTarget.ES5) >= ScriptTarget.ES2015 ? ModuleKind.ES2015 : ModuleKind.CommonJS);
  if (module >= ModuleKind.Node16 && module <= ModuleKind.NodeNext) {
    return sourceFile.impliedNodeFormat === ModuleKind.ESNext ? 'esm' : 'commonjs';
  }
  if (module === ModuleKind.Preserve) {
    if (sourceFile.impliedNodeFormat === ModuleKind.CommonJS) return 'commonjs';
    return tsi.isExternalModule(sourceFile) ? 'esm' : 'commonjs';
  }
  if (module === ModuleKind.None || module === ModuleKind.CommonJS) return 'commonjs';
  if (module === ModuleKind.AMD || module === ModuleKind.UMD || module === ModuleKind.System) {
    // Their module transforms rename imported bindings only for identifiers the checker resolved,
    // which a synthesized `__lw` is not: the output would reference an unbound name.
    throw new Error(`loopwatch/transform: "module": "${ModuleKind[module]}" output is not supported; use CommonJS or ES module output`);
  }
  return tsi.isExternalModule(sourceFile) ? 'esm' : undefined;
}

/** The internal `Program#getCommonSourceDirectory` (where TypeScript roots the outDir tree without a rootDir). */
function commonSourceDirectory(program: ts.Program | undefined): string | undefined {
  const get = (program as { getCommonSourceDirectory?: () => unknown } | undefined)?.getCommonSourceDirectory;
  if (typeof get !== 'function') return undefined;
  const dir = get.call(program);
  return typeof dir === 'string' && dir !== '' ? dir : undefined;
}

/**
 * The source file's path relative to the directory of its emitted .js, with forward slashes. The
 * output goes under `outDir` mirroring `rootDir` (or the program's common source directory);
 * without `outDir` (or without a program, as with `transpileModule`, unless `rootDir` is given)
 * it sits beside the source.
 */
export function sourceFromOutput(
  sourceFile: ts.SourceFile,
  options: ts.CompilerOptions,
  program: ts.Program | undefined,
  /** Answers per source directory, for the files of one program: they share them. */
  byDirectory?: Map<string, string>,
): string {
  const directory = path.dirname(sourceFile.fileName);
  let fromOutput = byDirectory?.get(directory);
  if (fromOutput === undefined) {
    const cwd = program?.getCurrentDirectory() ?? process.cwd();
    const sourceDir = path.resolve(cwd, directory);
    let outputDir = sourceDir;
    if (typeof options.outDir === 'string') {
      const rootDir = typeof options.rootDir === 'string' ? path.resolve(cwd, options.rootDir) : commonSourceDirectory(program);
      outputDir = path.resolve(cwd, options.outDir, path.relative(rootDir ?? sourceDir, sourceDir));
    }
    fromOutput = path.relative(outputDir, sourceDir).split(path.sep).join('/');
    byDirectory?.set(directory, fromOutput);
  }
  const base = path.basename(sourceFile.fileName);
  return fromOutput === '' ? base : `${fromOutput}/${base}`;
}

/**
 * The module's location at run time: `import.meta.url` in an ES module, `__filename` in CommonJS —
 * guarded, since the output may be evaluated without the CommonJS wrapper (new Function, vm, some
 * bundlers). A module cannot redeclare the wrapper's `__filename` with let/const (a SyntaxError); a
 * hoisted `var` or function of that name reads as not-a-string here, and the site keeps its recorded name.
 */
function moduleLocation(factory: ts.NodeFactory, tsi: typeof ts, format: ModuleFormat): ts.Expression {
  if (format === 'esm') {
    return factory.createPropertyAccessExpression(factory.createMetaProperty(tsi.SyntaxKind.ImportKeyword, factory.createIdentifier('meta')), 'url');
  }
  return factory.createConditionalExpression(
    factory.createStrictEquality(factory.createTypeOfExpression(factory.createIdentifier('__filename')), factory.createStringLiteral('string')),
    undefined,
    factory.createIdentifier('__filename'),
    undefined,
    factory.createVoidZero(),
  );
}

export function prologue(
  factory: ts.NodeFactory,
  tsi: typeof ts,
  format: ModuleFormat,
  file: string,
  table: SiteTable,
  names: EmittedNames,
  /** Where the source lies seen from the output (sourceFromOutput), when known: lets reports resolve `file`. */
  origin?: { readonly source: string },
): ts.Statement[] {
  const hooks = factory.createIdentifier(names.hooks);
  const load = format === 'esm'
    ? factory.createImportDeclaration(
      undefined,
      factory.createImportClause(false, undefined, factory.createNamedImports([
        factory.createImportSpecifier(false, factory.createIdentifier('hooks'), hooks),
      ])),
      factory.createStringLiteral(RUNTIME_MODULE),
    )
    : factory.createVariableStatement(undefined, factory.createVariableDeclarationList([
      factory.createVariableDeclaration(hooks, undefined, undefined, factory.createPropertyAccessExpression(
        factory.createCallExpression(factory.createIdentifier('require'), undefined, [
          factory.createStringLiteral(RUNTIME_MODULE),
        ]),
        'hooks',
      )),
    ], tsi.NodeFlags.None));
  const register = factory.createVariableStatement(undefined, factory.createVariableDeclarationList([
    factory.createVariableDeclaration(factory.createIdentifier(names.sites), undefined, undefined, factory.createCallExpression(
      factory.createPropertyAccessExpression(hooks, 'registerSites'),
      undefined,
      [
        factory.createStringLiteral(file),
        // Written out as it is, like hook code (hook-calls.ts `code`): one node, not one or two per number.
        factory.createIdentifier(`[${table.sites.join(', ')}]`),
        factory.createArrayLiteralExpression(table.names.map((name) => factory.createStringLiteral(name)), false),
        ...originArguments(factory, tsi, format, origin),
      ],
    )),
  ], tsi.NodeFlags.None));
  return [load, register];
}

function originArguments(
  factory: ts.NodeFactory,
  tsi: typeof ts,
  format: ModuleFormat,
  origin: { readonly source: string } | undefined,
): ts.Expression[] {
  return origin === undefined ? [] : [factory.createStringLiteral(origin.source), moduleLocation(factory, tsi, format)];
}

/** Inserts the prologue after the file's directives ("use strict", …), which must stay first. */
export function withPrologue(
  factory: ts.NodeFactory,
  tsi: typeof ts,
  sourceFile: ts.SourceFile,
  statements: readonly ts.Statement[],
  added: readonly ts.Statement[],
): ts.SourceFile {
  let directives = 0;
  while (directives < statements.length && isDirective(tsi, statements[directives]!)) directives++;
  return factory.updateSourceFile(sourceFile, [
    ...statements.slice(0, directives),
    ...added,
    ...statements.slice(directives),
  ]);
}

/**
 * The per-module prologue (docs/internals.md): obtain the hooks object and register the site table.
 *
 * CommonJS output gets a plain `require` statement: it is not an import, so TypeScript's import
 * elision cannot drop it. ES module output gets an `import`; TypeScript keeps synthesized import
 * declarations (only parse-tree imports are elision candidates), which the tests check for each
 * module kind. In ESM the table is a `var`, not a `const`: with circular imports a hoisted function
 * of this module can run before the module body does, and must then see `undefined`, not a TDZ error.
 */
import type * as ts from 'typescript';
import type { EmittedNames } from './hook-calls';
import type { SiteTable } from './site-table';

export const RUNTIME_MODULE = 'loopwatch/runtime';

export type ModuleFormat = 'commonjs' | 'esm';

/** `"use strict";` and the like, which must stay the first statements of a body or file. */
export function isDirective(tsi: typeof ts, statement: ts.Statement): boolean {
  return tsi.isExpressionStatement(statement) && tsi.isStringLiteral(statement.expression);
}

/** Which syntax loads the runtime in this file's output, from public compiler information only. */
export function moduleFormat(tsi: typeof ts, sourceFile: ts.SourceFile, options: ts.CompilerOptions): ModuleFormat {
  const { ModuleKind, ScriptTarget } = tsi;
  const module = options.module ?? ((options.target ?? ScriptTarget.ES5) >= ScriptTarget.ES2015 ? ModuleKind.ES2015 : ModuleKind.CommonJS);
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
  return 'esm';
}

export function prologue(
  factory: ts.NodeFactory,
  tsi: typeof ts,
  format: ModuleFormat,
  file: string,
  table: SiteTable,
  names: EmittedNames,
): ts.Statement[] {
  const hooks = names.hooks;
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
    ], tsi.NodeFlags.Const));
  const numbers = table.sites.map((n) => n < 0
    ? factory.createPrefixUnaryExpression(tsi.SyntaxKind.MinusToken, factory.createNumericLiteral(-n))
    : factory.createNumericLiteral(n));
  const register = factory.createVariableStatement(undefined, factory.createVariableDeclarationList([
    factory.createVariableDeclaration(names.sites, undefined, undefined, factory.createCallExpression(
      factory.createPropertyAccessExpression(hooks, 'registerSites'),
      undefined,
      [
        factory.createStringLiteral(file),
        factory.createArrayLiteralExpression(numbers, false),
        factory.createArrayLiteralExpression(table.names.map((name) => factory.createStringLiteral(name)), false),
      ],
    )),
  ], format === 'esm' ? tsi.NodeFlags.None : tsi.NodeFlags.Const));
  return [load, register];
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

/**
 * loopwatch/transform: a TypeScript source transformer that instruments async code for the
 * loopwatch runtime (docs/transform.md; emitted shape in docs/internals.md).
 *
 * - default export: the ts-patch entry, `(program, config, extras) => TransformerFactory`, for
 *   `"plugins": [{ "transform": "loopwatch/transform" }]` with `tspc` or `ts-patch/compiler`;
 * - `createTransformer(options?, program?, typescript?)`: a plain `before` transformer for
 *   `program.emit`, ts-loader's `getCustomTransformers` and `ts.transpileModule`.
 *
 * The instrumentation needs no type information; a Program only narrows which calls get `created`.
 * Nothing here imports `typescript` at run time except as the last resort of `createTransformer`
 * when the caller gives none: node kinds must come from the very copy that is compiling.
 */
import type * as ts from 'typescript';
import { bindCompiler } from './compiler';
import { findTargets, type TargetKinds, targetKinds } from './find-targets';
import { type CallPolicy, syntacticCallPolicy, typedCallPolicy } from './instrument-calls';
import { FileInstrumenter } from './instrument-file';
import { moduleFormat, prologue, sourceFromOutput, withPrologue } from './module-prologue';
import { isIncluded, type ResolvedOptions, resolveOptions, type TransformOptions } from './options';
import { projectDirectory, relativePath } from './project-path';

export { LoopwatchOptionsError, type TransformOptions } from './options';

/** The part of ts-patch's `TransformerExtras` used here. */
export interface TransformerExtras {
  readonly ts?: typeof ts;
}

function loadTypeScript(): typeof ts {
  try {
    return require('typescript') as typeof ts;
  } catch {
    throw new Error('loopwatch/transform: cannot load "typescript"; pass the compiler in use as the third argument of createTransformer()');
  }
}

const promiseTypeKnown = new WeakMap<ts.Program, boolean>();

/**
 * Whether the program's checker can tell a promise from anything else. `ts.transpileModule` (ts-node's
 * transpileOnly, ts-loader's transpileOnly, ts-jest's isolatedModules, all through ts-patch/compiler)
 * hands the transform a one-file Program with `noLib`: without a global `Promise` every call would
 * look promise-free and none would be recorded, so such a program counts as no type information.
 */
function hasPromiseType(tsi: typeof ts, program: ts.Program): boolean {
  let known = promiseTypeKnown.get(program);
  if (known === undefined) {
    try {
      known = program.getTypeChecker().resolveName('Promise', undefined, tsi.SymbolFlags.Type, false) !== undefined;
    } catch {
      known = false;
    }
    promiseTypeKnown.set(program, known);
  }
  return known;
}

function transformFile(
  tsi: typeof ts,
  kinds: TargetKinds,
  context: ts.TransformationContext,
  sourceFile: ts.SourceFile,
  options: ResolvedOptions,
  program: ts.Program | undefined,
  origins: WeakMap<ts.CompilerOptions, Map<string, string>>,
): ts.SourceFile {
  const compilerOptions = context.getCompilerOptions();
  const file = relativePath(projectDirectory(compilerOptions, program), sourceFile.fileName);
  if (!isIncluded(options, file)) return sourceFile;
  // Type information only if this very file was checked by the program (ts-loader may hand over others),
  // and the program knows `Promise` (see hasPromiseType).
  const typed = program !== undefined && program.getSourceFile(sourceFile.fileName) === sourceFile && hasPromiseType(tsi, program);
  // Without types, a file without `async` has nothing to instrument (top-level await is not a task).
  if (!typed && !sourceFile.text.includes('async')) return sourceFile;
  const format = moduleFormat(tsi, sourceFile, compilerOptions);
  if (format === undefined) return sourceFile;
  let calls: CallPolicy | undefined;
  if (options.trackCalls) {
    calls = typed ? typedCallPolicy(tsi, program.getTypeChecker()) : syntacticCallPolicy(tsi, sourceFile);
  }
  const targets = findTargets(tsi, kinds, sourceFile, calls);
  if (targets.onPath.size === 0) return sourceFile;
  const instrumenter = new FileInstrumenter(tsi, context, sourceFile, options, calls, format, targets);
  const statements = instrumenter.run();
  if (instrumenter.table.size === 0) return sourceFile;
  let byDirectory = origins.get(compilerOptions);
  if (byDirectory === undefined) origins.set(compilerOptions, byDirectory = new Map());
  const origin = { source: sourceFromOutput(sourceFile, compilerOptions, program, byDirectory) };
  const added = prologue(context.factory, tsi, format, file, instrumenter.table, instrumenter.names, origin);
  return withPrologue(context.factory, tsi, sourceFile, statements, added);
}

/**
 * A `before` transformer factory. `program` is optional (its checker narrows `created` wrapping to
 * promise-typed calls); `typescript` defaults to `require("typescript")` and should be the compiler
 * module in use when it is not that one.
 */
export function createTransformer(
  options?: TransformOptions,
  program?: ts.Program,
  typescript?: typeof ts,
): ts.TransformerFactory<ts.SourceFile> {
  const resolved = resolveOptions(options);
  const tsi = bindCompiler(typescript ?? loadTypeScript());
  const kinds = targetKinds(tsi);
  // Every file of one program comes with the same options object; its files share output directories.
  const origins = new WeakMap<ts.CompilerOptions, Map<string, string>>();
  return (context) => (node) => {
    if ((node.kind as ts.SyntaxKind) === tsi.SyntaxKind.Bundle) return node;
    if (!tsi.isSourceFile(node)) {
      throw new Error(
        `loopwatch/transform: node kinds do not match typescript ${tsi.version}: another copy of typescript is compiling; `
        + 'pass it as the third argument of createTransformer()',
      );
    }
    if (node.isDeclarationFile) return node;
    return transformFile(tsi, kinds, context, node, resolved, program, origins);
  };
}

/** The ts-patch entry (`"transform": "loopwatch/transform"`, plugin type "program"). */
export default function loopwatchTransformer(
  program: ts.Program | undefined,
  config?: TransformOptions,
  extras?: TransformerExtras,
): ts.TransformerFactory<ts.SourceFile> {
  return createTransformer(config, program, extras?.ts);
}

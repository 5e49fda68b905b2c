// Loads TypeScript source compiled by the real transform (createTransformer + ts.transpileModule) as a
// CommonJS module whose `require('loopwatch/runtime')` is this checkout's runtime.
import { join } from 'node:path';
import ts from 'typescript';
import { createTransformer } from '../../transform/index';
import * as runtime from '../../src/runtime/index';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LoadedModule = Record<string, (...args: any[]) => any>;

/** `instrument: false` loads the same source compiled without the transform. */
export function loadCompiled(code: string, fileName: string, instrument = true): { exports: LoadedModule; output: string } {
  const output = ts.transpileModule(code, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    transformers: instrument ? { before: [createTransformer()] } : undefined,
  }).outputText;
  const module = { exports: {} as LoadedModule };
  const load = (id: string) => (id === 'loopwatch/runtime' ? runtime : require(id));
  // `__filename`: newer transforms pass the module's location to registerSites.
  new Function('exports', 'require', 'module', '__filename', output)(
    module.exports, load, module, join(process.cwd(), fileName.replace(/\.ts$/, '.js')),
  );
  return { exports: module.exports, output };
}

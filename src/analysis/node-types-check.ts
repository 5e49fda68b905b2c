/**
 * One notice per process when a linted program has type information but not Node's own types.
 * Without `@types/node` the checker types `fs.readFileSync`, `EventEmitter#on`, `setTimeout` … as `any`
 * or unresolved, and the type-aware rules silently find less; nothing else would tell the user why.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

export const NO_NODE_TYPES_WARNING_CODE = 'LOOPWATCH_NO_NODE_TYPES';

// Programs already judged: the verdict never changes for a Program object, and every typed rule asks for
// every file, so a lint run pays one WeakSet lookup per file and rule.
const checkedPrograms = new WeakSet<ts.Program>();
let warned = false;

/** @types/node declares Node's core modules as ambient modules (`declare module "fs"`, `"node:fs"`). */
function declaresNodeCoreModules(checker: ts.TypeChecker): boolean {
  return checker.getAmbientModules().some((symbol) => {
    const name = symbol.getName();
    return name === '"fs"' || name === '"node:fs"';
  });
}

function configName(program: ts.Program): string {
  const configFilePath = program.getCompilerOptions()['configFilePath'];
  if (typeof configFilePath === 'string') return configFilePath;
  // typescript-estree's single-run programs (the eslint CLI, CI=true) are built without it: name the
  // tsconfig nearest to the program's first file instead, which is the one a user would edit.
  const [firstRoot] = program.getRootFileNames();
  const nearest = firstRoot === undefined ? undefined : ts.findConfigFile(path.dirname(firstRoot), ts.sys.fileExists);
  return nearest ?? 'the tsconfig.json of the linted files';
}

function emitNoNodeTypesWarning(program: ts.Program): void {
  process.emitWarning(
    `Node.js types are not available to ${configName(program)}: the checker cannot resolve the "fs" / "node:fs" ` +
      'modules, so Node APIs (fs, EventEmitter, timers, process) are typed any and the type-aware loopwatch rules ' +
      'find less. Fix: `npm i -D @types/node`, and list "node" in the tsconfig\'s "types" (needed when it sets ' +
      '"types", and always with TypeScript 6, which includes no @types package that "types" does not name).',
    {
      code: NO_NODE_TYPES_WARNING_CODE,
      detail: `Silence it with \`node --disable-warning=${NO_NODE_TYPES_WARNING_CODE}\` (or in NODE_OPTIONS).`,
    },
  );
}

/** Warns at most once per process, at most one check per program; never throws into the rule. */
export function warnOnceIfNodeTypesMissing(program: ts.Program, checker: ts.TypeChecker): void {
  if (warned || checkedPrograms.has(program)) return;
  checkedPrograms.add(program);
  try {
    if (declaresNodeCoreModules(checker)) return;
    warned = true;
    emitNoNodeTypesWarning(program);
  } catch {
    // A notice is never worth a crashed lint (an exotic checker, a throwing warning listener).
  }
}

/**
 * The package's subpath types resolve for every `moduleResolution` a consumer may use: `exports`
 * for node16/nodenext/bundler, `typesVersions` for node10 (`"module": "commonjs"`'s default), which
 * ignores `exports`. Checked against this checkout's built dist/, as an installed copy would be.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, it } from 'node:test';
import * as ts from 'typescript';

const root = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'loopwatch-types-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('loopwatch, loopwatch/runtime and loopwatch/transform type-check under node10, node16 and bundler resolution', () => {
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'loopwatch'), 'dir');
  const file = join(dir, 'consumer.ts');
  writeFileSync(file, [
    "import { tasks, nameTask, enableDebug, type TaskInfo } from 'loopwatch/runtime';",
    "import { createTransformer } from 'loopwatch/transform';",
    "import plugin from 'loopwatch';",
    'export const list: TaskInfo[] = tasks();',
    "export const named = nameTask(Promise.resolve(1), 'x');",
    'export const on = enableDebug({ watchdog: false }).enabled;',
    'export const factory = createTransformer({});',
    'export const rules = Object.keys(plugin.rules);',
    '',
  ].join('\n'));
  const settings: Array<[string, ts.CompilerOptions]> = [
    ['node10', { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }],
    ['node16', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
    ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
  ];
  for (const [name, options] of settings) {
    const program = ts.createProgram([file], {
      ...options, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true,
      types: ['node'], typeRoots: [join(root, 'node_modules', '@types')],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(errors, [], name);
  }
});

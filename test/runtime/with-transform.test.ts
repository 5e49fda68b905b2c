// The runtime driven by code the real transform compiled (createTransformer + ts.transpileModule).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { createTransformer } from '../../transform/index';
import * as runtime from '../../src/runtime/index';

const source = `
export async function leaf(gate: Promise<void>): Promise<string> {
  await gate;
  return 'leaf';
}

export async function middle(gate: Promise<void>): Promise<string> {
  const value = await leaf(gate);
  return value + '+middle';
}

export async function top(gate: Promise<void>): Promise<string[]> {
  const values = await Promise.all([middle(gate), middle(gate)]);
  return values;
}

export async function throwsAfter(gate: Promise<void>): Promise<string> {
  try {
    await gate;
    throw new Error('late');
  } catch (error) {
    await null;
    return (error as Error).message;
  }
}
`;

function loadInstrumented(): Record<string, (gate: Promise<void>) => Promise<unknown>> {
  const output = ts.transpileModule(source, {
    fileName: 'src/service.ts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    transformers: { before: [createTransformer()] },
  }).outputText;
  assert.match(output, /__lw\.enter\(/, 'the transform instrumented the module');
  const module = { exports: {} as Record<string, (gate: Promise<void>) => Promise<unknown>> };
  const load = (id: string) => (id === 'loopwatch/runtime' ? runtime : require(id));
  new Function('exports', 'require', 'module', output)(module.exports, load, module);
  return module.exports;
}

describe('runtime with transform output', () => {
  it('reports tasks, creation sites and parents of transformed code, and forgets them when done', async () => {
    const { top, throwsAfter } = loadInstrumented();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const all = top!(gate);
    const failing = throwsAfter!(gate);
    const list = runtime.tasks();
    assert.deepEqual(list.map((t) => t.name).sort(), ['leaf', 'leaf', 'middle', 'middle', 'throwsAfter', 'top']);
    const leaf = list.find((t) => t.name === 'leaf')!;
    assert.deepEqual(leaf.parkedAt, { file: 'src/service.ts', line: 3, column: 3 });
    assert.deepEqual(leaf.createdAt, { file: 'src/service.ts', line: 8, column: 23 });
    const chain = runtime.whereInfo(leaf)!.parents.map((p) => ('name' in p ? p.name : p.state));
    assert.deepEqual(chain, ['middle', 'top'], 'parents known even when created in a first segment');
    assert.match(runtime.where(leaf), /^#\d+ leaf parked at src\/service\.ts:3:3 \(await\), created at src\/service\.ts:8:23\n {2}created by #\d+ middle/);
    open();
    assert.deepEqual(await all, ['leaf+middle', 'leaf+middle']);
    assert.equal(await failing, 'late');
    assert.equal(runtime.liveTaskCount(), 0);
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import ts from 'typescript';
import { createTransformer } from '../../transform/index';
import * as here from '../../src/runtime/index';
import { emitReport } from '../../src/runtime/debug/output';
import { state } from '../../src/runtime/hooks';
import { setNameListener } from '../../src/runtime/registry';
import type { Report } from '../../src/runtime/debug/report';
import { deferred, waitFor } from './fixtures/instrumented';

type Runtime = typeof here;

const sourceDir = join(__dirname, '..', '..', 'src', 'runtime');
const scratch = mkdtempSync(join(tmpdir(), 'loopwatch-copies-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Compiles src/runtime (with the debug tier it may load) to CommonJS in `dir`, as a second installed copy would be. */
function installCopy(name: string): Runtime {
  const dir = join(scratch, name, 'node_modules', 'loopwatch', 'runtime');
  const files = readdirSync(sourceDir, { recursive: true }).map(String)
    .filter((f) => f.endsWith('.ts') && f !== 'register.ts');
  for (const file of files) {
    const output = ts.transpileModule(readFileSync(join(sourceDir, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), output);
  }
  return createRequire(join(dir, 'index.js'))('./index.js') as Runtime;
}

describe('several copies of the runtime in one process', () => {
  it('share one registry and one hooks object', async () => {
    const a = installCopy('a');
    const b = installCopy('b');
    assert.notEqual(a.tasks, here.tasks, 'really different module instances');
    assert.notEqual(a.tasks, b.tasks);
    assert.equal(a.hooks, here.hooks);
    assert.equal(b.hooks, here.hooks);

    // A module instrumented against copy `a` (as if it resolved loopwatch/runtime to a's path).
    const sites = a.hooks.registerSites('lib/a.ts', [0, 3, 1, 0, 1, 4, 9, -2], ['fromCopyA']);
    const gateA = deferred();
    async function fromCopyA(): Promise<void> {
      const task = a.hooks.enter(sites + 0);
      try {
        a.hooks.resume(task, await a.hooks.park(task, sites + 1, gateA.promise));
      } finally {
        a.hooks.exit(task);
      }
    }
    const gateHere = deferred();
    const p1 = fromCopyA();
    const p2 = waitFor(gateHere.promise);
    for (const copy of [a, b, here]) {
      assert.deepEqual(copy.tasks().map((t) => t.name), ['fromCopyA', 'waitFor']);
      assert.equal(copy.tasks()[0]!.parkedAt!.file, 'lib/a.ts');
    }
    b.nameTask(b.tasks()[1]!, 'named through b');
    assert.equal(a.tasks()[1]!.name, 'named through b');
    gateA.resolve();
    gateHere.resolve();
    await Promise.all([p1, p2]);
    assert.equal(b.liveTaskCount(), 0);
    assert.equal(here.liveTaskCount(), 0);
  });

  it('a copy loaded under LOOPWATCH_DEBUG=1 leaves the debug options given in code; a later enableDebug changes only its own', () => {
    const seen: string[] = [];
    here.enableDebug({ onReport: (report) => seen.push(report.type), watchdog: false });
    const previous = process.env['LOOPWATCH_DEBUG'];
    process.env['LOOPWATCH_DEBUG'] = '1';
    try {
      installCopy('debug-env');
    } finally {
      if (previous === undefined) delete process.env['LOOPWATCH_DEBUG'];
      else process.env['LOOPWATCH_DEBUG'] = previous;
    }
    here.enableDebug({ slowMs: 250 });
    emitReport({ type: 'never-awaited' } as Report);
    assert.deepEqual(seen, ['never-awaited'], 'onReport still receives the reports');
    here.enableDebug({ onReport: null });
    emitReport({ type: 'never-awaited' } as Report);
    assert.deepEqual(seen, ['never-awaited'], 'onReport: null removed it');
  });

  it('a name given through another copy\'s nameTask reaches the name listener (the debug tier\'s)', async () => {
    const b = installCopy('names');
    const previous = state.nameListener ?? null;
    const heard: string[] = [];
    setNameListener((_task, name) => heard.push(name));
    try {
      const sites = b.hooks.registerSites('lib/n.ts', [0, 1, 1, 0, 1, 2, 3, -2], ['named']);
      const gate = deferred();
      async function named(): Promise<void> {
        const task = b.hooks.enter(sites + 0);
        try {
          b.hooks.resume(task, await b.hooks.park(task, sites + 1, gate.promise));
        } finally {
          b.hooks.exit(task);
        }
      }
      const done = named();
      b.nameTask(b.tasks().find((t) => t.name === 'named')!, 'named through b');
      gate.resolve();
      await done;
    } finally {
      setNameListener(previous);
    }
    assert.deepEqual(heard, ['named through b']);
  });

  it('a non-extensible global object (a hardened program): the runtime still loads, with a registry of its own', () => {
    const runtimeEntry = join(__dirname, '..', '..', 'dist', 'src', 'runtime', 'index.js');
    const program = `
Object.preventExtensions(globalThis);
const rt = require(${JSON.stringify(runtimeEntry)});
const base = rt.hooks.registerSites('lib/h.ts', [0, 1, 1, 0, 1, 2, 3, -2], ['hardened']);
async function hardened() {
  const task = rt.hooks.enter(base + 0);
  try { rt.hooks.resume(task, await rt.hooks.park(task, base + 1, new Promise((r) => setTimeout(r, 5)))); } finally { rt.hooks.exit(task); }
}
const done = hardened();
const names = rt.tasks().map((t) => t.name).join();
const debug = rt.enableDebug({ watchdog: false, onReport: () => undefined }).enabled && rt.isDebugEnabled();
done.then(() => console.log(names, debug, rt.liveTaskCount()));
`;
    const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', env: { ...process.env, LOOPWATCH_DEBUG: '' } });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, 'hardened true 0\n');
  });

  it('a copy loaded after an older one adds the hooks its emitted code calls that the shared object lacks', async () => {
    // As left by a copy from before `returned`, `threw`, `suspend`, `awaiting`, `awaited`, `enterGenerator`,
    // `forAwait` and the tasks' `thrown` setter existed (the first copy loaded owns the object, and its Task
    // class makes the tasks).
    const shared = here.hooks as unknown as Record<string, unknown>;
    const added = ['returned', 'threw', 'suspend', 'awaiting', 'awaited', 'enterGenerator', 'forAwait'];
    const older = Object.fromEntries(added.map((name) => [name, shared[name]]));
    const taskPrototype = here.Task.prototype;
    const thrown = Object.getOwnPropertyDescriptor(taskPrototype, 'thrown')!;
    for (const name of added) delete shared[name];
    delete (taskPrototype as { thrown?: unknown }).thrown;
    try {
      const c = installCopy('c');
      assert.equal(c.hooks, here.hooks);
      for (const name of added) assert.equal(typeof shared[name], 'function', name);
      // A tier of the older copy replaces its suspend: the awaits of newer emitted code must reach it.
      const ownSuspend = shared.suspend as (task: unknown, value: unknown) => unknown;
      let suspended = 0;
      shared.suspend = (task: unknown, value: unknown) => (suspended++, ownSuspend(task, value));
      assert.equal(typeof Object.getOwnPropertyDescriptor(taskPrototype, 'thrown')?.set, 'function');
      const output = ts.transpileModule(`
export async function value(gate: Promise<void>): Promise<number> { await gate; return 42; }
export async function fails(gate: Promise<void>): Promise<number> { await gate; throw new Error('x'); }
async function* numbers(gate: Promise<void>): AsyncGenerator<number> { await gate; yield 1; yield 2; }
export async function sum(gate: Promise<void>): Promise<number> { let n = 0; for await (const x of numbers(gate)) n += x; return n; }
`, { fileName: 'lib/c.ts', compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, transformers: { before: [createTransformer()] } }).outputText;
      assert.match(output, /__lw\.returned\(42, __lwTask\)/);
      assert.match(output, /__lw\.awaiting\(__lwTask, gate\)\), __lw\.awaited\(__lwTask\)/);
      assert.match(output, /__lw\.suspend\(__lwTask, 1\)/);
      assert.match(output, /__lwTask\.thrown = __lwError;/);
      assert.match(output, /__lw\.enterGenerator\(/);
      assert.match(output, /__lw\.forAwait\(__lwTask, /);
      const module = { exports: {} as Record<string, (gate: Promise<void>) => Promise<number>> };
      new Function('exports', 'require', 'module', output)(module.exports, (id: string) => (id === 'loopwatch/runtime' ? c : require(id)), module);
      const gate = deferred();
      const returned = module.exports.value!(gate.promise);
      const failed = module.exports.fails!(gate.promise);
      const summed = module.exports.sum!(gate.promise);
      assert.equal(c.liveTaskCount(), 4);
      gate.resolve();
      assert.equal(await returned, 42);
      await assert.rejects(failed, /x/);
      assert.equal(await summed, 3);
      // Three awaits, and two yields, the loop's head and its park after each of two values.
      assert.equal(suspended, 8, 'every park through the replaced suspend');
      assert.equal(here.liveTaskCount(), 0);
    } finally {
      Object.assign(shared, older);
      Object.defineProperty(taskPrototype, 'thrown', thrown);
    }
  });
});

// bench/fixtures/compile.mjs `hooksOfBuild`: another build's hooks, side by side with this one's in
// one process, must be that build's own, also when both use the same registry key.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

test('a build with this build\'s registry key gets hooks and a registry of its own, and this build keeps its own', async (t) => {
  const { hooksOfBuild, runtime } = await import('../../bench/fixtures/compile.mjs');
  const ours = runtime().hooks;
  const copy = mkdtempSync(join(tmpdir(), 'loopwatch-build-'));
  t.after(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(join(__dirname, '../../dist/src'), join(copy, 'src'), { recursive: true });
  const theirs = hooksOfBuild(copy);
  assert.notEqual(theirs.suspend, ours.suspend, 'the copy\'s own functions');
  const task = theirs.enter(0);
  theirs.park(task, 0, undefined);
  assert.equal(runtime().liveTaskCount(), 0, 'its task is not in this build\'s registry');
  theirs.exit(task);
  const globals = Object.getOwnPropertySymbols(globalThis).filter((key) => key.description?.startsWith('loopwatch.'));
  assert.equal(globals.every((key) => (globalThis as Record<symbol, unknown>)[key] !== theirs), true);
  assert.equal(runtime().hooks, ours, 'this build still finds its own hooks');
});

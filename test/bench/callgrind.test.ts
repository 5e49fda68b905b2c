// bench/lib/callgrind.mjs (the runner behind `bench/build.mjs --instructions` and bench/instructions.mjs)
// and bench/lib/pool.mjs, which runs its jobs two at a time.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('pool keeps results in job order and never runs more than `limit` jobs at once', async () => {
  const { pool } = await import('../../bench/lib/pool.mjs');
  let running = 0;
  let most = 0;
  const jobs = [30, 5, 20, 1, 10].map((ms, i) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
    return i;
  });
  assert.deepEqual(await pool(jobs, 2), [0, 1, 2, 3, 4]);
  assert.equal(most, 2);
  assert.deepEqual(await pool([async () => 'only'], 8), ['only']);
});

test('countInstructions rejects with a clear message when no count comes back', async () => {
  const { countInstructions } = await import('../../bench/lib/callgrind.mjs');
  // A working directory that does not exist: spawn fails before valgrind (installed or not) runs.
  await assert.rejects(countInstructions(['-e', '0'], { cwd: '/nonexistent/loopwatch' }), /valgrind could not start/);
});

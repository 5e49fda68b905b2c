/**
 * examples/src/main.ts runs as plain TypeScript (tsx, no transform, no loopwatch runtime): it serves its
 * requests, drains its queue and ends on its own, and the bugs the runtime will report really happen —
 * the unhandled rejection only needs --unhandled-rejections=warn to be non-fatal (examples/README.md).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function runExample(nodeFlags: string[]) {
  return spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', 'examples/src/main.ts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000, // a hang fails the test instead of stalling the suite
  });
}

describe('examples/src/main.ts without instrumentation', () => {
  it('ends on its own with exit code 0 under --unhandled-rejections=warn, after its bugs happened', () => {
    const run = runExample(['--unhandled-rejections=warn']);
    assert.equal(run.signal, null, 'not killed by the timeout: nothing keeps the process alive');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /client: POST \/signup -> 201/);
    assert.match(run.stdout, /jobs: search index rebuilt/, 'the busy-waiting job ran');
    assert.match(run.stdout, /main: server closed; outbox has 3 mails/, 'the unawaited welcome mail was sent too');
    assert.match(run.stderr, /UnhandledPromiseRejectionWarning: Error: metrics collector unreachable/);
    assert.doesNotMatch(run.stdout, /shutdown: requested/, 'waitForShutdownSignal() is still parked at exit');
  });

  it("crashes on the unhandled rejection with Node's default mode, which is why the demo passes the flag", () => {
    const run = runExample([]);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /metrics collector unreachable/);
  });
});

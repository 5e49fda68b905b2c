/**
 * The debug tier end to end: fixture programs compiled with the real transform, run as child
 * processes with LOOPWATCH_DEBUG=1; each report names the task and the `file:line` of the .ts source.
 * All children start at once (before the first test), so the file takes about as long as the slowest.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertBuilt, compileFixture, fixtureDir, jsonReports, markedLine, root, runFixture, type Run } from './debug-harness';

const names = ['missing-await', 'blocking', 'parked-forever', 'crashed-background', 'pending-at-exit', 'on-report'] as const;
const scripts = {} as Record<(typeof names)[number], string>;
const runs = {} as Record<string, Promise<Run>>;
const tmp = mkdtempSync(join(tmpdir(), 'loopwatch-debug-e2e-'));
const outputFile = join(tmp, 'reports.jsonl');
const blockedOutput = join(tmp, 'blocked.jsonl');
/** Another working directory than the project's: reports print paths relative to it. */
const elsewhere = join(root, 'test');
const BLOCKED_PROGRAM_OUTPUT = 'cat.png resized after spinning\ndone\n';

before(() => {
  assertBuilt();
  for (const name of names) scripts[name] = compileFixture(name);
  const warn = ['--unhandled-rejections=warn'];
  runs['missing-await'] = runFixture(scripts['missing-await']);
  runs['missing-await strict'] = runFixture(scripts['missing-await'], { LOOPWATCH_STRICT: '1' });
  runs['blocking'] = runFixture(scripts['blocking']);
  runs['blocking fake clock'] = runFixture(scripts['blocking'], { FAKE_CLOCK: '1' });
  runs['blocking fake timers'] = runFixture(scripts['blocking'], { FAKE_TIMERS: '1', LOOPWATCH_DEBUG: '' });
  runs['parked-forever'] = runFixture(scripts['parked-forever']);
  runs['parked-forever revived'] = runFixture(scripts['parked-forever'], { REVIVE_AND_EXIT: '1' });
  runs['crashed warn json'] = runFixture(scripts['crashed-background'], { LOOPWATCH_FORMAT: 'json', HANDLE_LATE: '1' }, warn);
  runs['crashed throw'] = runFixture(scripts['crashed-background']);
  runs['pending-at-exit file'] = runFixture(scripts['pending-at-exit'], { LOOPWATCH_OUTPUT: outputFile, LOOPWATCH_FORMAT: 'json' });
  runs['on-report'] = runFixture(scripts['on-report'], { LOOPWATCH_DEBUG: '' });
  runs['on-report after env'] = runFixture(scripts['on-report'], { LOOPWATCH_DEBUG: '1' });
  runs['register bad env'] = runFixture(scripts['parked-forever'], { LOOPWATCH_DEBUG: '', LOOPWATCH_SLOW_MS: 'soon', LOOPWATCH_FORMAT: 'xml' }, ['--import', 'loopwatch/register']);
  runs['off'] = runFixture(scripts['missing-await'], { LOOPWATCH_DEBUG: '' });
  runs['bad flag'] = runFixture(scripts['missing-await'], { LOOPWATCH_DEBUG: 'maybe' });
  runs['parked-forever elsewhere'] = runFixture(scripts['parked-forever'], {}, [], elsewhere);
  runs['parked-forever esm elsewhere'] = runFixture(compileFixture('parked-forever', { esm: true }), {}, [], elsewhere);
  const blockingNamed = compileFixture('blocking-named', { sourceMap: true });
  runs['blocked json file'] = runFixture(blockingNamed, { LOOPWATCH_OUTPUT: blockedOutput, LOOPWATCH_FORMAT: 'json' });
  // Longer: under load, enabling the debugger in the blocked thread can take a few hundred ms.
  runs['blocked stack'] = runFixture(blockingNamed, { LOOPWATCH_STACK: '1', BLOCK_MS: '1500' });
  runs['blocked timer stack'] = runFixture(compileFixture('blocking-timer', { sourceMap: true }), { LOOPWATCH_STACK: '1', BLOCK_MS: '1500' });
});

after(() => rmSync(tmp, { recursive: true, force: true }));

describe('debug tier, end to end', () => {
  it('missing await: names the callee, the creation site and the task, and nothing else', async () => {
    const run = await runs['missing-await']!;
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('loopwatch:'));
    assert.equal(lines.length, 1, `exactly one report (awaited later, Promise.all, returned, .then are fine):\n${run.stderr}`);
    assert.ok(lines[0]!.includes(`promise from \`sendMail()\` was never awaited — created at ${markedLine('missing-await', 'lost')}3 in task \`drainQueue\``), run.stderr);
  });

  it('strict mode: the same program exits 1 after a summary', async () => {
    const run = await runs['missing-await strict']!;
    assert.equal(run.status, 1);
    assert.match(run.stderr, /loopwatch strict mode: 1 never-awaited — exiting with code 1/);
    assert.match(run.stdout, /drained/, 'the program itself ran as before');
  });

  it('blocking call: reported while the loop is still blocked, then with its duration', async () => {
    const run = await runs['blocking']!;
    assert.equal(run.status, 0, run.stderr);
    const live = run.stderr.indexOf('event loop blocked for');
    const end = run.stderr.indexOf('BLOCK-END');
    assert.ok(live >= 0 && end >= 0 && live < end, `the live report precedes the end of the block:\n${run.stderr}`);
    const resumed = markedLine('blocking', 'resumed');
    assert.match(run.stderr, new RegExp(`blocked for \\d+ ms and counting in task \`handleUpload\` .* after the await at ${resumed}`));
    const total = /event loop was blocked (\d+) ms in task `handleUpload`/.exec(run.stderr);
    assert.ok(total, run.stderr);
    assert.ok(Number(total[1]) >= 380, `duration ${total[1]} ms covers the 400 ms block`);
    assert.equal(run.stderr.match(/event loop blocked for/g)?.length, 1, 'one live report per block');
  });

  it('blocking call under a Date.now the program moved an hour ahead, or fake global timers: still reported', async () => {
    for (const name of ['blocking fake clock', 'blocking fake timers']) {
      const run = await runs[name]!;
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /event loop blocked for \d+ ms and counting in task `handleUpload`/, name);
    }
  });

  it('task parked forever: listed when the loop empties, exit code unchanged', async () => {
    const run = await runs['parked-forever']!;
    assert.equal(run.status, 0);
    assert.ok(run.stderr.includes(`task \`waitForShutdownSignal\` was still pending when the event loop emptied — parked at ${markedLine('parked-forever', 'parked')}`), run.stderr);
    assert.ok(run.stderr.includes(`task \`main\` was still pending when the event loop emptied — parked at ${markedLine('parked-forever', 'main')}`), run.stderr);
  });

  it('task parked forever, the loop revived by a beforeExit listener that then calls process.exit(3): reason exit', async () => {
    const run = await runs['parked-forever revived']!;
    assert.equal(run.status, 3);
    assert.ok(run.stderr.includes(`task \`main\` was still pending when the process exited (code 3) — parked at ${markedLine('parked-forever', 'main')}`), run.stderr);
  });

  it('background task that crashed: task, parked site, parent chain, error; rejectionHandled noted (JSON)', async () => {
    const run = await runs['crashed warn json']!;
    assert.equal(run.status, 0, run.stderr);
    const reports = jsonReports(run.stderr);
    const rejections = reports.filter((r) => r['type'] === 'unhandled-rejection') as any[];
    const refresh = rejections.find((r) => r.task?.name === 'refreshCache');
    assert.ok(refresh, run.stderr);
    assert.equal(refresh.task.createdAt, null, 'started by setTimeout, not by instrumented code');
    assert.equal(`${refresh.awaitedAt.file}:${refresh.awaitedAt.line}:`, markedLine('crashed-background', 'refresh-await'));
    assert.equal(refresh.awaitedAt.path, join(root, fixtureDir, 'crashed-background.ts'), 'JSON sites carry the absolute path too');
    assert.equal(refresh.error.message, 'cache backend down');
    assert.match(refresh.error.stack, /Error: cache backend down/);
    const rotate = rejections.find((r) => r.task?.name === 'rotateLogs');
    assert.ok(rotate, `a timer callback that throws before its first await is attributed too:\n${run.stderr}`);
    assert.equal(`${rotate.task.functionSite.file}:${rotate.task.functionSite.line}:`, markedLine('crashed-background', 'rotate'));
    assert.equal(rotate.awaitedAt, null);
    const metrics = rejections.find((r) => r.task?.name === 'collectMetrics');
    assert.equal(`${metrics.task.createdAt.file}:${metrics.task.createdAt.line}:`, markedLine('crashed-background', 'metrics-call'));
    assert.deepEqual(metrics.parents.map((p: any) => p.name), ['supervisor']);
    assert.equal(metrics.neverAwaited, true);
    const late = rejections.find((r) => r.task?.name === 'failLater');
    const handled = reports.find((r) => r['type'] === 'rejection-handled') as any;
    assert.equal(handled?.rejectionId, late.rejectionId);
    assert.ok(!reports.some((r) => r['type'] === 'never-awaited' && (r as any).task?.name === 'collectMetrics'), 'not reported twice');
    assert.match(run.stderr, /UnhandledPromiseRejectionWarning/, "Node's own warning is kept");
  });

  it("keeps Node's default --unhandled-rejections=throw crash", async () => {
    const run = await runs['crashed throw']!;
    assert.equal(run.status, 1);
    const report = run.stderr.indexOf('loopwatch: unhandled rejection in task `refreshCache`');
    // Node's own fatal-error output (the error, then the `Node.js vXX` footer) still follows.
    const crash = run.stderr.search(/\nNode\.js v\d+/);
    assert.ok(report >= 0 && crash > report, run.stderr);
    assert.ok(run.stderr.lastIndexOf('Error: cache backend down') > report + 100, run.stderr);
  });

  it('pending tasks at exit, to an output file, in the documented JSON schema', async () => {
    const run = await runs['pending-at-exit file']!;
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '', 'reports went to the file');
    const reports = jsonReports(readFileSync(outputFile, 'utf8')) as any[];
    assert.deepEqual(reports.map((r) => r.task.name).sort(), ['fetchReport', 'pollQueue'], 'void pollQueue() is pending, not never-awaited');
    for (const r of reports) {
      assert.deepEqual(Object.keys(r), ['type', 'schema', 'time', 'pid', 'reason', 'exitCode', 'task', 'parents']);
      assert.equal(r.type, 'pending-at-exit');
      assert.equal(r.schema, 1);
      assert.ok(!Number.isNaN(Date.parse(r.time)));
      assert.equal(r.reason, 'exit');
      assert.deepEqual(Object.keys(r.task), ['id', 'name', 'functionSite', 'createdAt', 'parkedAt', 'ageMs']);
      assert.deepEqual(Object.keys(r.task.parkedAt), ['file', 'path', 'line', 'column']);
      assert.ok(r.task.ageMs >= 0);
    }
    const poll = reports.find((r) => r.task.name === 'pollQueue');
    assert.equal(`${poll.task.parkedAt.file}:${poll.task.parkedAt.line}:`, markedLine('pending-at-exit', 'poll'));
  });

  it('enableDebug({ onReport }) routes reports to the program instead of stderr; bad options are reported, not thrown', async () => {
    for (const key of ['on-report', 'on-report after env']) {
      const run = await runs[key]!;
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /enabled=true problems=1/);
      assert.match(run.stdout, /seen=blocked-loop:blockBriefly,pending-at-exit:parkedForever/, 'the end of the block reaches onReport');
      // Nothing else on stderr: not the live report either, which the worker would write there.
      assert.match(run.stderr, /^loopwatch: enableDebug\(\): slowMs must be a number of milliseconds >= 1, got "fast"; using 100\n$/, key);
    }
  });

  it('--import loopwatch/register switches it on; bad environment values give a notice, not a crash', async () => {
    const run = await runs['register bad env']!;
    assert.equal(run.status, 0);
    assert.match(run.stderr, /LOOPWATCH_SLOW_MS="soon" is not a number/);
    assert.match(run.stderr, /LOOPWATCH_FORMAT="xml" is not "pretty" or "json"/);
    assert.match(run.stderr, /task `waitForShutdownSignal` was still pending/);
  });

  it('paths are relative to the working directory, also when run from another folder (CommonJS and ES module output)', async () => {
    for (const key of ['parked-forever elsewhere', 'parked-forever esm elsewhere']) {
      const run = await runs[key]!;
      assert.equal(run.status, 0, run.stderr);
      const parked = markedLine('parked-forever', 'parked').replace(/^test\//, '');
      assert.ok(run.stderr.includes(`task \`waitForShutdownSignal\` was still pending when the event loop emptied — parked at ${parked}`), `${key}:\n${run.stderr}`);
    }
  });

  it('the live blocked-loop report goes to the output file, in JSON, with the nameTask() name', async () => {
    const run = await runs['blocked json file']!;
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '', 'nothing on stderr: the live report honours LOOPWATCH_OUTPUT too');
    assert.equal(run.stdout, BLOCKED_PROGRAM_OUTPUT);
    const lines = readFileSync(blockedOutput, 'utf8').split('\n');
    const end = lines.indexOf('BLOCK-END');
    const reports = jsonReports(lines.join('\n')) as any[];
    assert.deepEqual(reports.map((r) => [r.phase, r.task.name]), [['blocked', 'resize cat.png'], ['ended', 'resize cat.png']]);
    assert.ok(end > 0 && lines[end - 1]!.includes('"phase":"blocked"'), 'written while the loop was still blocked');
    assert.equal(`${reports[0].resumedAt.file}:${reports[0].resumedAt.line}:`, markedLine('blocking-named', 'resumed'));
    assert.equal(reports[0].stack, null, 'no stack unless asked for');
    assert.equal(reports[0].resumedAt.path, join(root, fixtureDir, 'blocking-named.ts'), "the worker's site table resolves paths too");
  });

  it('LOOPWATCH_STACK=1: the main thread\'s frames in the .ts source, the program unchanged', async () => {
    const run = await runs['blocked stack']!;
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, BLOCKED_PROGRAM_OUTPUT);
    const lines = run.stderr.split('\n');
    const live = lines.findIndex((line) => line.includes('event loop blocked for'));
    assert.ok(live >= 0 && live < lines.indexOf('BLOCK-END'), run.stderr);
    assert.ok(lines[live + 1]!.startsWith(`    at busyWait (${markedLine('blocking-named', 'spin')}`), run.stderr);
    assert.ok(lines[live + 2]!.startsWith(`    at resize (${markedLine('blocking-named', 'busy')}`), run.stderr);
    assert.match(run.stderr, /event loop was blocked \d+ ms in task `resize cat.png`/);
  });

  it('LOOPWATCH_STACK=1 outside tasks: the live report names the kind of callback (a timer)', async () => {
    const run = await runs['blocked timer stack']!;
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stderr.split('\n');
    const live = lines.findIndex((line) => line.includes('event loop blocked for'));
    assert.ok(live >= 0 && live < lines.indexOf('BLOCK-END'), run.stderr);
    assert.match(lines[live]!, /outside any (instrumented )?task.*, in a timer callback \(setTimeout\/setInterval\)/, run.stderr);
    assert.ok(lines[live + 1]!.startsWith(`    at spin (${markedLine('blocking-timer', 'spin')}`), run.stderr);
  });

  it('LOOPWATCH_DEBUG=maybe: one notice that it is ignored, and nothing else', async () => {
    const run = await runs['bad flag']!;
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, 'loopwatch: LOOPWATCH_DEBUG="maybe" is not 1/0/true/false; ignored (the debug tier is not switched on by it)\n');
  });

  it('without LOOPWATCH_DEBUG the instrumented program reports nothing', async () => {
    const run = await runs['off']!;
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
  });
});

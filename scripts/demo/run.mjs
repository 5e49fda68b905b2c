// Demo step: build examples/ with tspc and the loopwatch transform (examples/tsconfig.instrumented.json),
// run it with the debug tier on (LOOPWATCH_DEBUG=1), and let its reports speak. The service is run with
// --unhandled-rejections=warn so it carries on after the rejection (examples/README.md), and with
// --enable-source-maps so error stacks point into the .ts sources too.
//
// The live task table: a preload (which also waits for the watchdog to start) prints printTasks() once, when the first blocked-loop report ends —
// a moment when main(), the queue and waitForShutdownSignal() are parked. The example itself is unchanged.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { styleText } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examplesDir = join(root, 'examples');
const outDir = join(examplesDir, 'dist', 'instrumented');
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (style, text) => (colour ? styleText(style, text) : text);

function tspcBin() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('ts-patch/package.json')), 'bin', 'tspc.js');
}

function build() {
  if (!existsSync(join(root, 'dist', 'transform', 'index.js'))) {
    throw new Error('dist/transform is missing: run `npm run build` first (npm run demo does)');
  }
  const started = performance.now();
  const result = spawnSync(process.execPath, [tspcBin(), '-p', join(examplesDir, 'tsconfig.instrumented.json')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`tspc failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  // config.ts reads its assets from <outDir>/../assets.
  mkdirSync(join(examplesDir, 'dist'), { recursive: true });
  cpSync(join(examplesDir, 'assets'), join(examplesDir, 'dist', 'assets'), { recursive: true });
  return ((performance.now() - started) / 1000).toFixed(1);
}

function preload() {
  const runtimeUrl = pathToFileURL(join(root, 'dist', 'src', 'runtime', 'index.js')).href;
  const debugUrl = pathToFileURL(join(root, 'dist', 'src', 'runtime', 'debug', 'index.js')).href;
  const code = `
import runtime from ${JSON.stringify(runtimeUrl)};
import debug from ${JSON.stringify(debugUrl)};
// The watchdog's worker thread needs a moment to start; the service blocks early in its short run.
await debug.watchdogReady();
let shown = false;
runtime.onReport((report) => {
  if (shown || report.type !== 'blocked-loop' || report.phase !== 'ended') return;
  shown = true;
  process.stdout.write('\\n--- printTasks() while the queue drains ---\\n');
  runtime.printTasks();
  process.stdout.write('---\\n\\n');
});`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

export async function run() {
  console.log(paint('bold', '\n== 3. Run the example built with the transform, debug tier on (LOOPWATCH_DEBUG=1) =='));
  const seconds = build();
  console.log(`tspc -p examples/tsconfig.instrumented.json: built in ${seconds} s -> examples/dist/instrumented/`);
  console.log('What to look for (each report names the task and the .ts position):');
  console.log('  - blocked-loop: rebuildSearchIndex (src/jobs.ts), reported while the loop is still blocked');
  console.log('  - unhandled-rejection: the async setTimeout callback in src/metrics.ts, with the await it was parked on');
  console.log('  - never-awaited: Mailer.sendMail() in sendWelcomeMail (src/users.ts)');
  console.log('  - pending-at-exit: waitForShutdownSignal (src/shutdown.ts), parked when the loop emptied');
  console.log('$ LOOPWATCH_DEBUG=1 node --unhandled-rejections=warn --enable-source-maps dist/instrumented/main.js\n');
  const result = spawnSync(
    process.execPath,
    ['--unhandled-rejections=warn', '--enable-source-maps', '--import', preload(), join('dist', 'instrumented', 'main.js')],
    { cwd: examplesDir, stdio: 'inherit', env: { ...process.env, LOOPWATCH_DEBUG: '1' }, timeout: 60_000 },
  );
  if (result.error) throw result.error;
  if (result.signal) throw new Error(`the example was killed by ${result.signal}`);
  console.log(`\nexample exited with code ${result.status} (the debug tier does not change it; LOOPWATCH_STRICT=1 would)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();

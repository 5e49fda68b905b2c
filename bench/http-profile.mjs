// Where the always-on tier's cost goes in the HTTP benchmark's server, from CPU profiles rather than
// CPU-per-request ratios (which spread ±15 % from run to run on a 2-core machine): the server of
// `bench/runtime.mjs http` runs plain and instrumented under the same client load with --cpu-prof, and
// the samples are split into the runtime's hooks (dist/src/runtime/hooks.js), the server's own code
// (the emitted code included) and everything else.
//
//   npm run build && node bench/http-profile.mjs        # PROFILE_RUNS=3 by default, alternating
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const runtimeBench = new URL('./runtime.mjs', import.meta.url).pathname;
const runs = Number(process.env.PROFILE_RUNS ?? 3);

async function profiledRun(variant) {
  const dir = mkdtempSync(join(tmpdir(), `loopwatch-http-profile-${variant}-`));
  const server = fork(runtimeBench, ['--serve', variant], { execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve) => server.once('message', resolve));
  const client = fork(runtimeBench, ['--load', String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { requests } = await new Promise((resolve) => client.once('message', resolve));
  client.disconnect();
  server.send('report');
  await new Promise((resolve) => server.once('message', resolve));
  server.disconnect();
  await new Promise((resolve) => server.once('exit', resolve));
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  return { requests, ...split(profile) };
}

/** Self time (µs) of the samples: active (not idle), in hooks.js, in the server module, per hook function. */
function split(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const result = { active: 0, hooks: 0, server: 0, byHook: new Map() };
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id);
    const time = profile.timeDeltas[i] ?? 0;
    if (frame.functionName === '(idle)') return;
    result.active += time;
    if (frame.url.endsWith('/runtime/hooks.js')) {
      result.hooks += time;
      result.byHook.set(frame.functionName, (result.byHook.get(frame.functionName) ?? 0) + time);
    } else if (/\/server-(plain|instrumented)\.js$/.test(frame.url)) {
      result.server += time;
    }
  });
  return result;
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${runs} profiled runs per variant`);
const results = { plain: [], instrumented: [] };
for (let run = 0; run < runs; run++) {
  for (const variant of run % 2 ? ['instrumented', 'plain'] : ['plain', 'instrumented']) results[variant].push(await profiledRun(variant));
}
const perRequest = (variant, key) => median(results[variant].map((r) => r[key] / r.requests));
const extraServer = perRequest('instrumented', 'server') - perRequest('plain', 'server');
const hooks = perRequest('instrumented', 'hooks');
const active = perRequest('instrumented', 'active');
console.log('\n| | plain µs/request | instrumented µs/request |\n|---|---:|---:|');
for (const [label, key] of [['active CPU (all but idle; startup included)', 'active'], ['server module (handler and helpers)', 'server'], ['runtime hooks (hooks.js)', 'hooks']]) {
  console.log(`| ${label} | ${perRequest('plain', key).toFixed(2)} | ${perRequest('instrumented', key).toFixed(2)} |`);
}
const hookNames = new Map();
for (const r of results.instrumented) for (const [name, time] of r.byHook) hookNames.set(name, (hookNames.get(name) ?? 0) + time / r.requests / runs);
console.log(`\nInstrumentation cost per request: ${(extraServer + hooks).toFixed(2)} µs (emitted code ${extraServer.toFixed(2)} + hooks ${hooks.toFixed(2)}), ` +
  `${(((extraServer + hooks) / active) * 100).toFixed(1)} % of the instrumented server's active CPU per request.`);
console.log(`Hooks by function (µs/request): ${[...hookNames].sort((a, b) => b[1] - a[1]).map(([n, t]) => `${n || '(anonymous)'} ${t.toFixed(3)}`).join(', ')}`);
console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

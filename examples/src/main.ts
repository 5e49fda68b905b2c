/**
 * The demo service end to end: start the API on a free port of 127.0.0.1, call it a few times, drain the
 * job queue, close the server. It ends on its own in well under a second.
 *
 * Four bugs really happen on this path (see ../README.md): a welcome mail nobody awaits, a 180 ms
 * busy-wait inside a job, a metrics push that rejects with nobody handling it (run with
 * --unhandled-rejections=warn), and a task still parked in waitForShutdownSignal() at exit.
 */
import { settings } from './config';
import { Mailer } from './mailer';
import { Metrics, schedulePush } from './metrics';
import { jobHandlers } from './jobs';
import { JobQueue } from './queue';
import { close, createApiServer, listen, type App } from './server';
import { waitForShutdownSignal } from './shutdown';
import type { User } from './users';

async function call(base: string, method: string, path: string, body?: object): Promise<string> {
  const response = await fetch(`${base}${path}`, { method, body: body && JSON.stringify(body) });
  const text = await response.text();
  console.log(`client: ${method} ${path} -> ${response.status} ${text.trim()}`);
  return text;
}

async function main(): Promise<void> {
  const mailer = new Mailer();
  const subscribers = ['ada@example.com', 'grace@example.com'];
  const app: App = {
    db: new Map<string, User>(),
    mailer,
    queue: new JobQueue(jobHandlers(mailer, subscribers)),
    metrics: new Metrics(),
  };

  waitForShutdownSignal().then(
    () => console.log('main: shutdown requested'),
    (error: unknown) => console.error('main: shutdown failed', error),
  );

  const server = createApiServer(app);
  const base = await listen(server);
  console.log(`main: listening on ${base}`);

  const credentials = { email: 'ada@example.com', password: 'correct horse battery staple' };
  await call(base, 'POST', '/signup', credentials);
  await call(base, 'POST', '/login', credentials);
  await call(base, 'GET', '/terms');
  await call(base, 'GET', '/privacy');
  await call(base, 'POST', '/jobs/reindex');
  await call(base, 'POST', '/jobs/newsletter');
  schedulePush(app.metrics, settings.metricsPushDelayMs);

  const ran = await app.queue.drain();
  console.log(`main: drained ${ran} jobs`);
  await close(server);
  console.log(`main: server closed; outbox has ${mailer.outbox.length} mails`);
}

main().catch((error: unknown) => {
  console.error('main: failed', error);
  process.exitCode = 1;
});

/** The HTTP API (node:http): a route table of async handlers. */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json } from 'node:stream/consumers';
import { assetPath } from './config';
import type { Mailer } from './mailer';
import type { Metrics } from './metrics';
import type { JobQueue } from './queue';
import { requestShutdown } from './shutdown';
import { login, signup, type User } from './users';

export interface App {
  db: Map<string, User>;
  mailer: Mailer;
  queue: JobQueue;
  metrics: Metrics;
}

interface Reply {
  status: number;
  body: string;
}

type Route = (app: App, req: IncomingMessage) => Promise<Reply>;

interface Credentials {
  email: string;
  password: string;
}

async function handleSignup(app: App, req: IncomingMessage): Promise<Reply> {
  const { email, password } = (await json(req)) as Credentials;
  const user = await signup(app.db, app.mailer, email, password);
  return { status: 201, body: `signed up ${user.email}` };
}

async function handleLogin(app: App, req: IncomingMessage): Promise<Reply> {
  const { email, password } = (await json(req)) as Credentials;
  return (await login(app.db, email, password)) ? { status: 200, body: 'welcome back' } : { status: 401, body: 'no' };
}

async function handleTerms(): Promise<Reply> {
  // BUG(no-blocking-call): readFileSync in a request handler stalls every other request while it reads.
  const text = readFileSync(assetPath('terms.txt'), 'utf8');
  return { status: 200, body: text };
}

async function handlePrivacy(): Promise<Reply> {
  // OK: the async read lets other requests run meanwhile.
  const text = await readFile(assetPath('privacy.txt'), 'utf8');
  return { status: 200, body: text };
}

async function handleEnqueue(app: App, req: IncomingMessage): Promise<Reply> {
  const kind = req.url?.split('/').pop() ?? '';
  const job = app.queue.enqueue(kind, 'loopwatch 0.1 is out');
  return { status: 202, body: `job ${job.id} queued` };
}

async function handleShutdown(): Promise<Reply> {
  requestShutdown();
  return { status: 202, body: 'shutting down' };
}

const routes = new Map<string, Route>([
  ['POST /signup', handleSignup],
  ['POST /login', handleLogin],
  ['GET /terms', handleTerms],
  ['GET /privacy', handlePrivacy],
  ['POST /jobs/reindex', handleEnqueue],
  ['POST /jobs/newsletter', handleEnqueue],
  ['POST /admin/shutdown', handleShutdown],
]);

/** Never rejects: a failing route answers 500. */
async function respond(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const key = `${req.method} ${req.url}`;
  app.metrics.increment(key);
  let reply: Reply;
  try {
    const route = routes.get(key);
    reply = route ? await route(app, req) : { status: 404, body: 'not found' };
  } catch (error) {
    reply = { status: 500, body: String(error) };
  }
  res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body);
}

export function createApiServer(app: App): Server {
  // OK: a plain request listener; respond() never rejects.
  return createServer((req, res) => {
    void respond(app, req, res);
  });
}

export async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
}

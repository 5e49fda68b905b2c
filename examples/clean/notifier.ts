/** Correct async code only: event listeners, timers and file reads that keep the event loop free. */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const banner = readFileSync(join(__dirname, '..', 'assets', 'welcome.txt'), 'utf8');

async function deliver(outbox: string[], message: string): Promise<void> {
  await delay(1);
  outbox.push(message);
}

export function wireNotifications(events: EventEmitter, outbox: string[]): void {
  events.on('signup', (email: string) => {
    void deliver(outbox, banner.replace('{email}', email)).catch((error: unknown) => {
      events.emit('error', error);
    });
  });
}

export function remindLater(outbox: string[], message: string, ms: number): NodeJS.Timeout {
  return setTimeout(() => {
    deliver(outbox, message).catch((error: unknown) => console.error('reminder lost', error));
  }, ms);
}

export async function loadTemplate(name: string): Promise<string> {
  return readFile(join(__dirname, '..', 'assets', name), 'utf8');
}

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await delay(5);
  }
  return condition();
}

export async function notifyAll(outbox: string[], emails: string[]): Promise<void> {
  await Promise.all(emails.map(async (email) => deliver(outbox, `hello ${email}`)));
}

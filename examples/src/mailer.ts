/** A fake mailer: "sends" by appending to an in-memory outbox after a short, network-like delay. */
import { setTimeout as delay } from 'node:timers/promises';
import { settings } from './config';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export interface Receipt {
  id: number;
  to: string;
}

export class Mailer {
  readonly outbox: Mail[] = [];

  async sendMail(to: string, subject: string, body: string): Promise<Receipt> {
    await delay(settings.mailDelayMs);
    if (!to.includes('@')) throw new Error(`invalid recipient: ${to}`);
    this.outbox.push({ to, subject, body });
    return { id: this.outbox.length, to };
  }
}

export async function sendNewsletter(mailer: Mailer, recipients: string[], text: string): Promise<Receipt[]> {
  // OK: Promise.all waits for every send and rejects if one fails.
  return Promise.all(recipients.map(async (to) => mailer.sendMail(to, 'News', text)));
}

export async function sendDigests(mailer: Mailer, recipients: string[]): Promise<void> {
  // BUG(no-floating-promises): the array of sends is dropped; nobody waits for them or sees them fail.
  recipients.map(async (to) => mailer.sendMail(to, 'Your weekly digest', 'Nothing new this week.'));
}

export function sendWithTimeout(mailer: Mailer, to: string, subject: string, ms: number): Promise<Receipt> {
  // BUG(no-async-void-callback): an async executor; if sendMail rejects, this promise never settles.
  return new Promise(async (resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mail not sent within ${ms} ms`)), ms);
    resolve(await mailer.sendMail(to, subject, ''));
    clearTimeout(timer);
  });
}

export async function sendWithDeadline(mailer: Mailer, to: string, subject: string, ms: number): Promise<Receipt> {
  // OK: the race settles with the send or the deadline, and it handles both rejections.
  return Promise.race([mailer.sendMail(to, subject, ''), rejectAfter(ms)]);
}

async function rejectAfter(ms: number): Promise<never> {
  await delay(ms, undefined, { ref: false });
  throw new Error(`mail not sent within ${ms} ms`);
}

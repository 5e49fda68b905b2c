/** What the background jobs do. */
import { setTimeout as delay } from 'node:timers/promises';
import { settings } from './config';
import { type Mailer, sendNewsletter } from './mailer';
import type { Job, JobHandler } from './queue';

export async function rebuildSearchIndex(job: Job): Promise<void> {
  const until = Date.now() + settings.indexBackoffMs;
  // BUG(no-blocking-call): a busy-wait "backoff" freezes the whole process for 180 ms.
  while (Date.now() < until) {
    // spin until the backoff is over
  }
  console.log(`jobs: search index rebuilt (job ${job.id})`);
}

export async function waitUntilIdle(isBusy: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  // OK: the loop awaits a timer on every turn, so the event loop keeps running.
  while (Date.now() < until) {
    if (!isBusy()) return true;
    await delay(10);
  }
  return false;
}

export function jobHandlers(mailer: Mailer, subscribers: string[]): Record<string, JobHandler> {
  return {
    reindex: rebuildSearchIndex,
    newsletter: async (job) => {
      const receipts = await sendNewsletter(mailer, subscribers, job.payload);
      console.log(`jobs: newsletter sent to ${receipts.length} subscribers`);
    },
  };
}

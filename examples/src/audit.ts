/** An audit trail of finished jobs, fed by the queue's events. */
import type { Job, JobQueue } from './queue';

async function recordAudit(trail: string[], line: string): Promise<void> {
  await Promise.resolve(); // stands in for a write to an audit store
  trail.push(line);
}

export function attachAuditTrail(queue: JobQueue, trail: string[]): void {
  // BUG(no-async-void-callback): EventEmitter ignores the listener's promise; if it rejects, it is unhandled.
  queue.events.on('done', async (job: Job) => {
    await recordAudit(trail, `job ${job.id} (${job.kind}) done`);
  });

  // OK: a plain listener that gives its async work a rejection handler.
  queue.events.on('failed', (job: Job, error: unknown) => {
    recordAudit(trail, `job ${job.id} failed: ${String(error)}`).catch((lost: unknown) => {
      console.error('audit: entry lost', lost);
    });
  });
}

/** An in-memory job queue: `enqueue()` from request handlers, `drain()` runs everything pending. */
import { EventEmitter } from 'node:events';

export interface Job {
  id: number;
  kind: string;
  payload: string;
}

export type JobHandler = (job: Job) => Promise<void>;

export class JobQueue {
  /** Emits 'done' (job) and 'failed' (job, error). */
  readonly events = new EventEmitter();
  private readonly pending: Job[] = [];
  private nextId = 1;

  constructor(private readonly handlers: Record<string, JobHandler>) {}

  enqueue(kind: string, payload = ''): Job {
    const job = { id: this.nextId++, kind, payload };
    this.pending.push(job);
    return job;
  }

  /** Runs pending jobs, `concurrency` at a time, until none is left; returns how many ran. */
  async drain(concurrency = 2): Promise<number> {
    let ran = 0;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, concurrency);
      // OK: Promise.all waits for the whole batch.
      await Promise.all(batch.map(async (job) => this.run(job)));
      ran += batch.length;
    }
    return ran;
  }

  retryAll(jobs: Job[]): void {
    // BUG(no-async-void-callback): forEach drops each promise; the retries race and nobody waits for them.
    jobs.forEach(async (job) => {
      await this.run(job);
    });
  }

  async retryAllInOrder(jobs: Job[]): Promise<void> {
    // OK: one after the other, each awaited.
    for (const job of jobs) {
      await this.run(job);
    }
  }

  private async run(job: Job): Promise<void> {
    try {
      const handler = this.handlers[job.kind];
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(job);
      this.events.emit('done', job);
    } catch (error) {
      this.events.emit('failed', job, error);
    }
  }
}

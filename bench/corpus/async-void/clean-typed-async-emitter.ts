// expect: none
type Listener<T> = (payload: T) => void | Promise<void>;

// An emitter that awaits its listeners and reports their failures.
export class AsyncEmitter<T> {
  private listeners: Listener<T>[] = [];

  on(_event: 'job', listener: Listener<T>): void {
    this.listeners.push(listener);
  }

  async emit(payload: T): Promise<void> {
    const results = await Promise.allSettled(this.listeners.map(async (listener) => listener(payload)));
    for (const result of results) {
      if (result.status === 'rejected') console.error('listener failed:', result.reason);
    }
  }
}

const jobs = new AsyncEmitter<{ id: string }>();

jobs.on('job', async (job) => {
  await new Promise((resolve) => setTimeout(resolve, 1, job.id));
});

// expect: floating 24
type Job = () => Promise<void>;

class JobQueue {
  private jobs: Job[] = [];

  push(job: Job): void {
    this.jobs.push(job);
  }

  async drain(): Promise<void> {
    while (this.jobs.length > 0) {
      const job = this.jobs.shift()!;
      await job();
    }
  }
}

export class Worker {
  private queue = new JobQueue();

  submit(job: Job): void {
    this.queue.push(job);
    this.queue.drain();
  }
}

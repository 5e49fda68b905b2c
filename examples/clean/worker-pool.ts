/** Correct async code only: runs tasks with a concurrency limit and collects every result or error. */
import { setTimeout as delay } from 'node:timers/promises';

export type Task<T> = () => Promise<T>;

export async function runAll<T>(tasks: Task<T>[], concurrency: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await tasks[index]() };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  }
  const workers = Array.from({ length: Math.min(concurrency, tasks.length) }, async () => worker());
  await Promise.all(workers);
  return results;
}

export async function retry<T>(task: Task<T>, attempts: number, backoffMs: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await delay(backoffMs * attempt);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

export async function firstOf<T>(tasks: Task<T>[]): Promise<T> {
  return Promise.any(tasks.map(async (task) => task()));
}

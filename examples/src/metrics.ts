/** Request counters, pushed to a metrics collector in the background. */
import { setTimeout as delay } from 'node:timers/promises';

export class Metrics {
  private readonly counts = new Map<string, number>();

  increment(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

/** The demo has no metrics collector, so every push fails. */
async function pushMetrics(snapshot: Record<string, number>): Promise<void> {
  await delay(1);
  throw new Error(`metrics collector unreachable; ${Object.keys(snapshot).length} counters not pushed`);
}

export function schedulePush(metrics: Metrics, ms: number): void {
  // BUG(no-async-void-callback): setTimeout ignores the callback's promise: the failed push is an unhandled rejection.
  setTimeout(async () => {
    await pushMetrics(metrics.snapshot());
  }, ms);
}

export function schedulePushSafely(metrics: Metrics, ms: number): void {
  // OK: a plain callback that handles the push's failure.
  setTimeout(() => {
    pushMetrics(metrics.snapshot()).catch((error: unknown) => console.warn('metrics:', String(error)));
  }, ms);
}

// expect: none
interface Metrics {
  gauge(name: string, value: number): void;
}

async function queueDepth(): Promise<number> {
  return 3;
}

export function reportDepth(metrics: Metrics): void {
  queueDepth()
    .then((depth) => metrics.gauge('queue.depth', depth))
    .catch((err: unknown) => console.error('depth probe failed', err));
}

// expect: blocking 6
import { performance } from 'node:perf_hooks';

function pause(ms: number): void {
  const start = performance.now();
  while (performance.now() - start < ms) {
    // spin
  }
}

export async function pollUntilReady(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) {
    pause(50);
  }
}

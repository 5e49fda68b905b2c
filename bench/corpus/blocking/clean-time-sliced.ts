// expect: none
import { setImmediate as yieldToLoop } from 'node:timers/promises';

// Processes work for at most 10 ms at a time, then gives the event loop a turn.
export async function processQueue(queue: number[], handle: (item: number) => void): Promise<void> {
  while (queue.length > 0) {
    const deadline = Date.now() + 10;
    while (queue.length > 0 && Date.now() < deadline) {
      handle(queue.shift()!);
    }
    await yieldToLoop();
  }
}

// expect: none
import { setTimeout as delay } from 'node:timers/promises';

// Waits for a condition with a deadline, but gives the loop back between checks: not a busy-wait.
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await delay(25);
  }
  return check();
}

// expect: none
import { EventEmitter, once } from 'node:events';

export async function waitForReady(emitter: EventEmitter, timeoutMs: number): Promise<boolean> {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), timeoutMs);
  try {
    await once(emitter, 'ready', { signal: timer.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(handle);
  }
}

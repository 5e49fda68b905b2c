/** Graceful shutdown, requested through POST /admin/shutdown. */
const waiting: Array<() => void> = [];

export function requestShutdown(): void {
  for (const resolve of waiting.splice(0)) resolve();
}

/**
 * Resolves once a shutdown is requested. The demo never requests one, so at exit this task is still
 * parked on a promise that never settled.
 */
export async function waitForShutdownSignal(): Promise<void> {
  await new Promise<void>((resolve) => {
    waiting.push(resolve);
  });
  console.log('shutdown: requested');
}

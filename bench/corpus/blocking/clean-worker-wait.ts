// expect: none
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

// Runs only inside a worker thread: blocking here never stalls the main event loop.
function waitForSignal(shared: Int32Array): number {
  Atomics.wait(shared, 0, 0);
  return Atomics.load(shared, 0);
}

if (!isMainThread && parentPort) {
  const signal = waitForSignal(new Int32Array(workerData as SharedArrayBuffer));
  parentPort.postMessage({ signal });
}

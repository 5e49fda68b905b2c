// expect: blocking 5
const lock = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(lock, 0, 0, ms);
}

export async function retryWrite(write: () => Promise<void>, attempts: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= attempts) throw err;
      sleepSync(100 * attempt);
    }
  }
}

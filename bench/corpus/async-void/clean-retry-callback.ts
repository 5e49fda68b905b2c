// expect: none
async function retry<T>(attempts: number, fn: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

export async function fetchStatus(url: string): Promise<number> {
  return retry(3, async () => {
    const res = await fetch(url);
    return res.status;
  });
}

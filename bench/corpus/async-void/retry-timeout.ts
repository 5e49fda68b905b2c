// expect: async-void 8
async function ping(url: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
}

export function scheduleHealthCheck(url: string, delayMs: number): void {
  setTimeout(async () => {
    await ping(url);
    console.log(`${url} healthy`);
  }, delayMs);
}

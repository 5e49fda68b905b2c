// expect: blocking 10
interface Client {
  send(batch: string[]): Promise<void>;
}

export async function sendThrottled(client: Client, batches: string[][], gapMs: number): Promise<void> {
  for (const batch of batches) {
    await client.send(batch);
    const until = Date.now() + gapMs;
    while (Date.now() < until) {
      // wait for the rate limit window
    }
  }
}

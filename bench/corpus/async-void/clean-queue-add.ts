// expect: none
// A p-queue style limiter: `add` takes a promise-returning task and returns its result.
class Limiter {
  private running = 0;

  constructor(private readonly limit: number) {}

  async add<T>(task: () => Promise<T>): Promise<T> {
    while (this.running >= this.limit) await new Promise((resolve) => setTimeout(resolve, 1));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
    }
  }
}

const limiter = new Limiter(4);

export async function download(urls: string[]): Promise<number[]> {
  return Promise.all(urls.map((url) => limiter.add(async () => (await fetch(url)).status)));
}

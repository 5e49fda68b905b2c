// expect: floating 18
class WriteCache {
  private entries = new Map<string, string>();

  set(key: string, value: string): void {
    this.entries.set(key, value);
  }

  async flush(): Promise<void> {
    for (const [key, value] of this.entries) {
      await new Promise((resolve) => setTimeout(resolve, 1, `${key}=${value}`));
    }
    this.entries.clear();
  }
}

export async function handleShutdown(cache: WriteCache): Promise<string> {
  const flushed = cache.flush();
  console.log('shutting down');
  return 'bye';
}

/** A small read-through cache in front of a slow loader (think: a database). */
export class Cache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly load: (key: string) => Promise<V>) {}

  async get(key: string): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    return this.refresh(key);
  }

  async refresh(key: string): Promise<V> {
    const value = await this.load(key);
    this.entries.set(key, value);
    return value;
  }

  async delete(key: string): Promise<boolean> {
    await Promise.resolve();
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export function refreshInBackground<V>(cache: Cache<V>, key: string): void {
  // BUG(no-floating-promises): a .then without a rejection handler; a failed refresh is lost.
  cache.refresh(key).then(() => console.log(`cache: refreshed ${key}`));
}

export function refreshQuietly<V>(cache: Cache<V>, key: string): void {
  // OK: `void` says "not awaited on purpose", and .catch handles the failure.
  void cache.refresh(key).catch((error: unknown) => console.error(`cache: refresh of ${key} failed`, error));
}

export async function invalidate<V>(cache: Cache<V>, key: string): Promise<void> {
  // BUG(no-floating-promises): the deletion is kept in a local that is never awaited.
  const removal = cache.delete(key);
  console.log(`cache: invalidated ${key}`);
}

export async function invalidateAndWait<V>(cache: Cache<V>, key: string): Promise<boolean> {
  // OK: stored first, awaited later.
  const removal = cache.delete(key);
  console.log(`cache: invalidating ${key}`);
  return await removal;
}

// expect: none
// `getSync` reads an in-memory map: nothing blocks.
class SettingsCache {
  private values = new Map<string, string>();

  setSync(key: string, value: string): void {
    this.values.set(key, value);
  }

  getSync(key: string): string | undefined {
    return this.values.get(key);
  }
}

const cache = new SettingsCache();

export async function featureEnabled(flag: string): Promise<boolean> {
  await Promise.resolve();
  cache.setSync('last-checked', flag);
  return cache.getSync(flag) === 'on';
}

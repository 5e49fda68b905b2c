// expect: none
// Names that sound asynchronous, but everything here is synchronous.
const cache = new Map<string, string>();

function fetchLocal(key: string): string | undefined {
  return cache.get(key);
}

function saveSync(key: string, value: string): void {
  cache.set(key, value);
}

export function remember(key: string, value: string): string {
  saveSync(key, value);
  fetchLocal(key);
  return value;
}

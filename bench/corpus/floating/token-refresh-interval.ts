// expect: floating 8
interface TokenStore {
  refresh(): Promise<string>;
}

export function keepTokensFresh(store: TokenStore, everyMs: number): NodeJS.Timeout {
  return setInterval(() => {
    store.refresh();
  }, everyMs);
}

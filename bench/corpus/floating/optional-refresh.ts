// expect: floating 8
interface Cache {
  refresh(): Promise<void>;
}

export async function onDeploy(cache: Cache | undefined, version: string): Promise<void> {
  console.log(`deployed ${version}`);
  cache && cache.refresh();
}

// expect: floating 9
async function syncInventory(storeId: string): Promise<number> {
  const res = await fetch(`https://inventory.example/stores/${storeId}`);
  if (!res.ok) throw new Error(`inventory ${res.status}`);
  return Number(await res.text());
}

export function startSync(storeId: string): void {
  syncInventory(storeId).catch((err: unknown) => {
    console.error('sync failed for', storeId);
    throw err;
  });
}

// expect: floating 7
async function indexDocument(id: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1, id));
}

export async function reindex(ids: string[]): Promise<void> {
  Promise.all(ids.map((id) => indexDocument(id)));
  console.log('reindex requested');
}

// expect: none
interface Page {
  index: number;
  rows: unknown[];
}

async function fetchPage(index: number): Promise<Page> {
  const res = await fetch(`https://api.example/rows?page=${index}`);
  return { index, rows: (await res.json()) as unknown[] };
}

export async function fetchPages(count: number): Promise<Page[]> {
  return Promise.all(Array.from({ length: count }, async (_, index) => fetchPage(index)));
}

// expect: floating 16
interface Draft {
  id: string;
  body: string;
}

async function save(draft: Draft): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 2, draft));
}

async function discard(draft: Draft): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 2, draft.id));
}

export function closeEditor(draft: Draft, keep: boolean): void {
  keep ? save(draft) : discard(draft);
}

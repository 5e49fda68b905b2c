// expect: async-void 8
interface Batch {
  items: string[];
  commit(): Promise<void>;
}

export function scheduleCommit(batch: Batch): void {
  process.nextTick(async () => {
    if (batch.items.length > 0) await batch.commit();
  });
}

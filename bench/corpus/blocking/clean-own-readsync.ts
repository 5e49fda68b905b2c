// expect: none
// A user's own in-memory reader whose method happens to be called `readSync`.
class RingBuffer {
  private readonly items: string[] = [];

  write(item: string): void {
    this.items.push(item);
    if (this.items.length > 100) this.items.shift();
  }

  readSync(): string[] {
    return [...this.items];
  }
}

const recent = new RingBuffer();

export async function handleLog(line: string): Promise<string[]> {
  recent.write(line);
  await Promise.resolve();
  return recent.readSync();
}

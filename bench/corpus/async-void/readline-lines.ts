// expect: async-void 12
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';

async function importRecord(line: string): Promise<void> {
  const record = JSON.parse(line) as { id: string };
  await fetch(`https://api.example/records/${record.id}`, { method: 'PUT', body: line });
}

export function importFile(path: string): void {
  const lines = createInterface({ input: createReadStream(path) });
  lines.on('line', async (line) => {
    await importRecord(line);
  });
}

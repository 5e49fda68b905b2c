// expect: none
import { writeFile } from 'node:fs/promises';

export async function writeReports(reports: Map<string, string>): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const [name, body] of reports) {
    pending.push(writeFile(`/tmp/reports/${name}.txt`, body));
  }
  await Promise.all(pending);
}

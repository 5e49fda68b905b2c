// expect: blocking 8
import fs from 'node:fs';

const read = fs.readFileSync;

export async function renderInvoice(template: string, total: number): Promise<string> {
  await new Promise((resolve) => setImmediate(resolve));
  const html = read(template, 'utf8');
  return html.replace('{{total}}', total.toFixed(2));
}

// expect: blocking 6
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

function loadTemplate(name: string): string {
  return readFileSync(`./views/${name}.html`, 'utf8');
}

async function render(name: string, title: string): Promise<string> {
  await new Promise((resolve) => setImmediate(resolve));
  return loadTemplate(name).replace('{{title}}', title);
}

export const server = createServer((req, res) => {
  render('home', 'Home').then((html) => res.end(html), () => res.end('error'));
});

// expect: blocking 4
export async function readVersion(dir: string): Promise<string> {
  await Promise.resolve();
  const text: string = require('fs').readFileSync(`${dir}/package.json`, 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

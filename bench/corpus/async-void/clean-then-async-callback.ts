// expect: none
import { readFile, writeFile } from 'node:fs/promises';

export function bumpVersion(path: string): Promise<string> {
  return readFile(path, 'utf8').then(async (text) => {
    const pkg = JSON.parse(text) as { version: string };
    const [major, minor, patch] = pkg.version.split('.').map(Number);
    pkg.version = `${major}.${minor}.${(patch ?? 0) + 1}`;
    await writeFile(path, JSON.stringify(pkg, null, 2));
    return pkg.version;
  });
}

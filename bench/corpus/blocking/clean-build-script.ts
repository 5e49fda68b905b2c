// expect: none
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

// A build script: runs top to bottom once, nothing else shares its event loop.
mkdirSync('dist', { recursive: true });
const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
writeFileSync('dist/version.json', JSON.stringify({ commit, builtAt: new Date().toISOString() }));
console.log(`built ${commit}`);

export {};

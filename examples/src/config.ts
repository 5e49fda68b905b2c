/**
 * Start-up configuration. Reading files synchronously is fine here: this runs once, when the module is
 * first loaded, before the server accepts any request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const assetsDir = join(__dirname, '..', 'assets');

export function assetPath(name: string): string {
  return join(assetsDir, name);
}

// OK: a synchronous read at module top level runs once, at start-up.
export const welcomeTemplate = readFileSync(assetPath('welcome.txt'), 'utf8');

export const settings = {
  mailDelayMs: 5,
  passwordIterations: 20_000,
  indexBackoffMs: 180,
  metricsPushDelayMs: 20,
};

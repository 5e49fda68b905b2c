// expect: floating 16
import { readFile } from 'node:fs/promises';

interface AppConfig {
  port: number;
  logLevel: 'debug' | 'info';
}

let current: AppConfig = { port: 8080, logLevel: 'info' };

function loadConfig(path: string): Promise<AppConfig> {
  return readFile(path, 'utf8').then((text) => JSON.parse(text) as AppConfig);
}

export function reloadConfig(path: string): void {
  loadConfig(path).then((config) => {
    current = config;
  });
}

export function currentConfig(): AppConfig {
  return current;
}

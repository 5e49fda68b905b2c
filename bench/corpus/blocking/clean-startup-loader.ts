// expect: none
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function loadTranslations(dir: string): Map<string, Record<string, string>> {
  const table = new Map<string, Record<string, string>>();
  for (const file of readdirSync(dir)) {
    table.set(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, file), 'utf8')));
  }
  return table;
}

const translations = loadTranslations('./locales');

export async function translate(locale: string, key: string): Promise<string> {
  await Promise.resolve();
  return translations.get(locale)?.[key] ?? key;
}

// expect: blocking 11
import * as fs from 'node:fs';

async function fetchRates(): Promise<Record<string, number>> {
  const res = await fetch('https://rates.example/latest');
  return (await res.json()) as Record<string, number>;
}

export function refreshRates(): Promise<void> {
  return fetchRates().then((rates) => {
    fs.writeFileSync('/tmp/rates.json', JSON.stringify(rates));
  });
}

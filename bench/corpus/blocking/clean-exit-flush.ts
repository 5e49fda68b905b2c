// expect: none
import { writeFileSync } from 'node:fs';

const counters = new Map<string, number>();

export function count(name: string): void {
  counters.set(name, (counters.get(name) ?? 0) + 1);
}

// At `exit` the loop is already gone: only synchronous work can still happen.
process.on('exit', () => {
  writeFileSync('/tmp/counters.json', JSON.stringify(Object.fromEntries(counters)));
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatAge, formatSite, formatTasks, type TaskInfo } from '../../src/runtime/index';

const site = (file: string, line: number, column: number) => ({ file, line, column });

describe('ps table formatting', () => {
  it('formats ages compactly', () => {
    assert.deepEqual(
      [0, 999, 1000, 1240, 9_999, 42_000, 184_000, 7_380_000, -1, NaN].map(formatAge),
      ['0ms', '999ms', '1.0s', '1.2s', '10.0s', '42s', '3m04s', '2h03m', '-', '-'],
    );
  });

  it('aligns columns, prints - for unknown sites, and makes absolute paths relative to the cwd', () => {
    const base = { functionSite: null, parkedOn: 'await', parentId: null } as const;
    const list: TaskInfo[] = [
      { ...base, id: 9, state: 'parked', name: 'main', createdAt: null, parkedAt: site(join(process.cwd(), 'src/main.ts'), 14, 3), ageMs: 184_000 },
      { ...base, id: 10, state: 'running', name: 'flushMetrics', createdAt: site('src/metrics.ts', 8, 5), parkedAt: null, parkedOn: null, ageMs: 850 },
    ];
    assert.equal(formatTasks(list), [
      'id  state    name          created at          parked at         age',
      ' 9  parked   main          -                   src/main.ts:14:3  3m04s',
      '10  running  flushMetrics  src/metrics.ts:8:5  -                 850ms',
      '',
    ].join('\n'));
    assert.equal(formatTasks([]), '(no live tasks)\n');
    assert.equal(formatSite(null), '-');
  });
});

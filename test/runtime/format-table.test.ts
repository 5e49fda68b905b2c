import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { formatAge, formatSite, formatTasks, printTasks, type TaskInfo } from '../../src/runtime/index';

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

  it('escapes control characters in names and shortens long ones: one line per task, nothing sent to the terminal', () => {
    const base = { functionSite: null, parkedOn: null, parentId: null, createdAt: null, parkedAt: null, ageMs: 5 } as const;
    const list: TaskInfo[] = [
      { ...base, id: 1, state: 'running', name: 'multi\nline' },
      { ...base, id: 2, state: 'running', name: '\u001b[31mred\u001b[0m' },
      { ...base, id: 3, state: 'running', name: 'x'.repeat(100_000) },
    ];
    const lines = formatTasks(list).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[1]!, /multi\\u000aline/);
    assert.match(lines[2]!, /\\u001b\[31mred\\u001b\[0m/);
    assert.doesNotMatch(lines.join('\n'), /\u001b/);
    assert.ok(lines[3]!.length < 200, `a 100 000-character name is shortened (${lines[3]!.length})`);
  });

  it('never throws on what is not a task list or a site', () => {
    for (const junk of [undefined, {}, { file: 1 }, 'src/a.ts', 7]) assert.equal(formatSite(junk as never), '-');
    assert.equal(formatTasks(null as never), '(no live tasks)\n');
    assert.equal(formatTasks([undefined, null, 3] as never), '(no live tasks)\n');
  });

  it('printTasks on an ended stream writes nothing: no error event that could take the process down', async () => {
    const stream = new Writable({ write: (_chunk, _encoding, done) => done() });
    stream.end();
    const errors: unknown[] = [];
    stream.on('error', (error) => errors.push(error));
    printTasks(stream);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(errors, []);
  });
});

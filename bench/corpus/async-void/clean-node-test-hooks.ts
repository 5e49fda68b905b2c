// expect: none
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('round-trips a file', async () => {
  await writeFile(join(dir, 'a.txt'), 'hello');
  assert.equal(await readFile(join(dir, 'a.txt'), 'utf8'), 'hello');
});

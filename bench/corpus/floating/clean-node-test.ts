// expect: none
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';

async function parsePort(value: string): Promise<number> {
  const port = Number(value);
  if (!Number.isInteger(port)) throw new Error('not a port');
  return port;
}

test('parses a port', async () => {
  assert.equal(await parsePort('8080'), 8080);
});

describe('parsePort', () => {
  it('rejects text', async () => {
    await assert.rejects(parsePort('http'));
  });
});

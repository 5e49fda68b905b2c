// The lint quality corpus is well-formed: valid headers, enough cases per kind, clean look-alikes in each.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const KIND_FOLDERS = ['floating', 'async-void', 'blocking'];

test('every corpus file has a valid `// expect:` header', async () => {
  const { listCases } = await import('../../bench/lib/corpus.mjs');
  const invalid = listCases()
    .filter((c: { errors: string[] }) => c.errors.length > 0)
    .map((c: { rel: string; errors: string[] }) => `${c.rel}: ${c.errors.join('; ')}`);
  assert.deepEqual(invalid, []);
});

test('the corpus has at least 60 files and at least 20 per kind, buggy and clean', async () => {
  const { listCases } = await import('../../bench/lib/corpus.mjs');
  const cases = listCases() as { folder: string; expect: Map<string, number[]> }[];
  assert.ok(cases.length >= 60, `only ${cases.length} files`);
  for (const folder of KIND_FOLDERS) {
    const inFolder = cases.filter((c) => c.folder === folder);
    const clean = inFolder.filter((c) => c.expect.size === 0).length;
    const buggy = inFolder.filter((c) => c.expect.has(folder)).length;
    assert.ok(inFolder.length >= 20, `${folder}: ${inFolder.length} files`);
    assert.ok(clean >= 8, `${folder}: ${clean} clean look-alikes`);
    assert.ok(buggy >= 8, `${folder}: ${buggy} files with a ${folder} finding`);
  }
});

test('the header parser rejects malformed headers', async () => {
  const { parseHeader } = await import('../../bench/lib/corpus.mjs');
  const errorsOf = (text: string) => (parseHeader(text) as { errors: string[] }).errors;
  assert.deepEqual(errorsOf('// expect: floating 3\nconst a = 1;\nvoid a;\n'), []);
  assert.deepEqual(errorsOf('// expect: none\n// expect: blocking 3\nfoo();\n').length, 1);
  assert.equal(errorsOf('const a = 1;\n').length, 1, 'missing header');
  assert.equal(errorsOf('// expect: floating 1\nx();\n').length, 1, 'line inside the header');
  assert.equal(errorsOf('// expect: floating 9\nx();\n').length, 1, 'line past the end');
  assert.equal(errorsOf('// expect: floating 3, 2\nx();\ny();\n').length, 1, 'not ascending');
  assert.equal(errorsOf('// expect: sleepy 2\nx();\n').length, 1, 'unknown kind');
  assert.equal(errorsOf('// expect: blocking 2\n\nx();\n').length, 1, 'blank line');
});

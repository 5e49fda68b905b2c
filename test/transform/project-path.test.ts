/**
 * Site paths (transform/project-path.ts): the shortcut for files inside the project gives exactly
 * what normalizing both paths gives, and anything it cannot vouch for takes the long way.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { relativePath } from '../../transform/project-path';

const normalized = (projectDir: string, fileName: string): string =>
  path.relative(projectDir, path.resolve(projectDir, fileName)).split(path.sep).join('/');

describe('relativePath', () => {
  const cases: [string, string][] = [
    ['/work/app', '/work/app/index.ts'],
    ['/work/app', '/work/app/src/deep/module.mts'],
    ['/work/app', '/work/app/.hidden/a.ts'],
    ['/work/app', '/work/app/a..b/c.ts'],
    ['/work/app', '/work/app/dir./c.ts'],
    ['/work/app', '/work/application/a.ts'],
    ['/work/app', '/work/app/../other/a.ts'],
    ['/work/app', '/work/app/./a.ts'],
    ['/work/app', '/work/app/src/../a.ts'],
    ['/work/app', '/work/app//a.ts'],
    ['/work/app', '/work/app'],
    ['/work/app', '/elsewhere/a.ts'],
    ['/work/app', 'relative/a.ts'],
    ['/work/app/', '/work/app/a.ts'],
    ['/', '/a.ts'],
  ];
  for (const [projectDir, fileName] of cases) {
    it(`${fileName} from ${projectDir}`, () => {
      assert.equal(relativePath(projectDir, fileName), normalized(projectDir, fileName));
    });
  }
});

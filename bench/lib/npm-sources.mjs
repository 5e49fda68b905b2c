// TypeScript sources shipped inside npm tarballs, fetched at pinned versions into bench/.cache/lint/
// (gitignored) with `npm pack`, plus a tsconfig that puts all of them in ONE program.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lint-setup.mjs';

export const CACHE_DIR = join(ROOT, 'bench', '.cache', 'lint');

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${(result.stderr || result.stdout || String(result.error)).trim()}`);
  }
  return result.stdout;
}

/** The package's `src/**\/*.ts` files (declaration files excluded), sorted. */
export function sourceFiles(srcDir) {
  return readdirSync(srcDir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => join(srcDir, name));
}

/**
 * Fetches `name@version` once and returns `{ dir, tsconfig, files }`. The program includes the
 * package's src/ only: its third-party imports are not installed and resolve to `any`.
 */
export function preparePackage({ name, version }) {
  const dir = join(CACHE_DIR, `${name.replace('/', '__')}-${version}`);
  const srcDir = join(dir, 'package', 'src');
  if (!existsSync(srcDir)) {
    mkdirSync(dir, { recursive: true });
    const tarball = run('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', dir], dir).trim().split('\n').pop();
    run('tar', ['-xzf', tarball], dir);
    if (!existsSync(srcDir)) throw new Error(`${name}@${version} ships no src/ folder`);
  }
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          module: 'esnext',
          moduleResolution: 'bundler',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          experimentalDecorators: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        include: ['package/src/**/*.ts'],
      },
      null,
      2,
    ),
  );
  const files = sourceFiles(srcDir);
  if (files.length === 0) throw new Error(`${name}@${version}: no .ts sources under src/`);
  return { dir, tsconfig, files };
}

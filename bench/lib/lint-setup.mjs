// What both lint benchmarks share: loading loopwatch (built dist, or the TypeScript sources through tsx),
// the peer rule sets, the rule configurations of each side, the mapping of findings to bug kinds, and
// an ESLint instance that lints every file under one typed program.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** The rules of each side, at the options their recommended presets use. */
export const LOOPWATCH_RULES = {
  'loopwatch/no-floating-promises': 'error',
  'loopwatch/no-async-void-callback': 'error',
  'loopwatch/no-blocking-call': 'error',
};
export const PEER_RULES = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  // At the top level a sync call runs during start-up, which n/no-sync can be told to accept.
  'n/no-sync': ['error', { allowAtRootLevel: true }],
};

/**
 * Which bug kind a finding claims. no-misused-promises has messages beyond `checksVoidReturn`:
 * a promise used as a condition is never awaited (floating); an async predicate is an async function
 * whose result is used as a plain value (async-void); spreading a promise is none of the three (other).
 */
export function kindOf(message) {
  switch (message.ruleId) {
    case 'loopwatch/no-floating-promises':
    case '@typescript-eslint/no-floating-promises':
      return 'floating';
    case 'loopwatch/no-async-void-callback':
      return 'async-void';
    case 'loopwatch/no-blocking-call':
    case 'n/no-sync':
      return 'blocking';
    case '@typescript-eslint/no-misused-promises':
      if (message.messageId?.startsWith('voidReturn') || message.messageId === 'predicate') return 'async-void';
      if (message.messageId === 'conditional') return 'floating';
      return 'other';
    default:
      return 'other';
  }
}

export const sideOf = (ruleId) => (ruleId?.startsWith('loopwatch/') ? 'loopwatch' : 'peers');

function newestMtime(dir, pattern) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) {
      newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * loopwatch's plugin object. `fromSource` loads src/index.ts through tsx, so no build is needed;
 * otherwise dist/ is used and a warning is printed when it is older than the rule sources.
 */
export async function loadLoopwatch({ fromSource = false } = {}) {
  if (fromSource) {
    const { register } = await import('tsx/cjs/api');
    register();
    return { plugin: require(join(ROOT, 'src', 'index.ts')), origin: 'src/ (through tsx)' };
  }
  const entry = join(ROOT, 'dist', 'src', 'index.js');
  if (!existsSync(entry)) {
    throw new Error('dist/src/index.js is missing: run `npm run build` first (or pass --from-src to load the TypeScript sources through tsx)');
  }
  const built = statSync(entry).mtimeMs;
  const sources = Math.max(newestMtime(join(ROOT, 'rules'), /\.ts$/), newestMtime(join(ROOT, 'src'), /\.ts$/));
  if (sources > built) {
    console.warn('warning: rules/ or src/ changed after dist/ was built; run `npm run build` (or pass --from-src) for current figures');
  }
  const distRules = readdirSync(join(ROOT, 'dist', 'rules')).filter((name) => name.endsWith('.js'));
  if (distRules.length < 3) throw new Error('dist/rules/ is incomplete: run `npm run build` first');
  return { plugin: require(entry), origin: 'dist/' };
}

export async function loadPeers() {
  const tsPlugin = require('@typescript-eslint/eslint-plugin');
  const nPlugin = (await import('eslint-plugin-n')).default;
  return { '@typescript-eslint': tsPlugin.default ?? tsPlugin, n: nPlugin };
}

export function versionOf(pkg) {
  return require(`${pkg}/package.json`).version;
}

/**
 * One ESLint instance, both sides' rules, one typed program from `tsconfig` (typescript-eslint
 * caches the program per tsconfig, so every file of one instance shares it).
 */
export async function createLinter({ cwd, tsconfig, loopwatch, peers, rules, stats = false }) {
  const { ESLint } = await import('eslint');
  const parser = require('@typescript-eslint/parser');
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    stats,
    cache: false,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser,
          parserOptions: { project: tsconfig, tsconfigRootDir: cwd },
        },
        plugins: { loopwatch, ...peers },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules,
      },
    ],
  });
}

/**
 * Lints files one by one so a rule exception costs only its own file: returns `{ results, crashes }`
 * where each crash is `{ file, ruleId, message }`.
 */
export async function lintEach(eslint, files, cwd) {
  const results = [];
  const crashes = [];
  for (const file of files) {
    try {
      results.push(...(await eslint.lintFiles([file])));
    } catch (error) {
      const ruleId = error?.ruleId ?? /Rule: "([^"]+)"/.exec(String(error?.message))?.[1] ?? 'unknown';
      crashes.push({ file: relative(cwd, file), ruleId, message: String(error?.message ?? error).split('\n')[0] });
    }
  }
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) crashes.push({ file: relative(cwd, result.filePath), ruleId: 'parser', message: message.message });
    }
  }
  return { results, crashes };
}

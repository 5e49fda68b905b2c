// The example's lint setup, exactly as a user of loopwatch writes it.
import loopwatch from 'loopwatch';

export default [
  { ignores: ['dist/', '**/dist/'] },
  {
    ...loopwatch.configs['recommended-type-checked'],
    files: ['**/*.ts'],
  },
  {
    files: ['**/*.ts'],
    // projectService finds the tsconfig.json nearest to each file (src/ and clean/ have their own).
    languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } },
  },
];

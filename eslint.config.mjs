// The TypeScript linter npm test runs: the two rules the type checker cannot enforce on its own.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Only the TypeScript sources: the bundles under dist/ and resources/ are esbuild's output.
  { ignores: ['**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      // Type-aware: no-floating-promises needs the types of what a call returns.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // A promise nobody awaits loses its rejection: a helper would exit 0 after a failed write.
      '@typescript-eslint/no-floating-promises': 'error',
      // `any` switches the checker off for everything it touches; JSON a test reads is typed by what it expects.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);

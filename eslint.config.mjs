// Typed lint rules (no floating promises, no `any` leaks) and the layer rule: imports flow
// lsp/ and cli/ → engine/ → terraform/ → hcl/; only lsp/ knows LSP, only client/ knows vscode,
// and hcl/, terraform/, engine/ are pure (no file system, no processes).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impure = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'vscode']
  .map((name) => ({ name, message: 'hcl/, terraform/ and engine/ are pure: no file system, no processes, no editor.' }));

// For each layer: the folders of ours it must not import, and whether it must stay pure.
const layers = [
  { dir: 'server/src/hcl', forbidden: ['terraform', 'engine', 'lsp', 'cli'], pure: true },
  { dir: 'server/src/terraform', forbidden: ['engine', 'lsp', 'cli'], pure: true },
  { dir: 'server/src/engine', forbidden: ['lsp', 'cli'], pure: true },
  { dir: 'server/src/cli', forbidden: ['lsp'], pure: false },
  { dir: 'server/src/protocol', forbidden: ['hcl', 'terraform', 'engine', 'lsp', 'cli'], pure: true },
];

const layerRules = layers.map(({ dir, forbidden, pure }) => ({
  files: [`${dir}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      paths: pure ? impure : [],
      patterns: [{
        group: [...forbidden.map((f) => `**/${f}/**`), ...forbidden.map((f) => `../${f}`), 'vscode-languageserver', 'vscode-languageserver/*'],
        message: `${dir} may not import from ${forbidden.join(', ')} or LSP: imports flow lsp/cli → engine → terraform → hcl.`,
      }],
    }],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '**/*.mjs', '**/*.js', '**/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
      }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
  {
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/hcl/**', '**/terraform/**', '**/engine/**', '**/lsp/**', '**/cli/**'], message: 'The client talks to the server over LSP; it may share only server/src/protocol.' }] }] },
  },
);

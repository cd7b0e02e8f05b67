// Lint: typescript-eslint's recommended rules, and the project's boundaries.
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-h5/', 'dist-h5-*/', 'dist-test/', 'build/', '.localcloud/', '.tmp/', '.scratch-*/', 'coverage/', 'bench/tmp/', 'test-artifacts/', '**/*.js', '**/*.mjs'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read untyped results of SDK code run in a worker, and shim WeChat's globals.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Production code never knows the local cloud exists.
    files: ['src/**/*.{ts,tsx}', 'cloudfunctions/**/*.ts', 'types/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/localcloud', '**/localcloud/**'], message: 'production code must not import the local cloud' }] }],
    },
  },
  {
    // NutUI icons render <i>, which WeChat cannot draw: src/components/icons.ts configures them.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/components/icons.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@nutui/icons-react-taro', message: "import icons from '@/components/icons' (it makes them visible in WeChat)" }],
          patterns: [{ group: ['**/localcloud', '**/localcloud/**'], message: 'production code must not import the local cloud' }],
        },
      ],
    },
  },
  {
    // The main package must not pull zod in: pages import the contract's types only.
    files: ['src/pages/**/*.{ts,tsx}', 'src/services/**/*.ts', 'src/app.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
)

// Lint: typescript-eslint's recommended rules, and the project's boundaries.
import tseslint from 'typescript-eslint'

// Boundaries between the top-level directories: what each one must not import. The table of
// what each MAY import is MAY_IMPORT in test/boundaries.test.ts; that test checks every import
// in the tree against it (resolving paths exactly) and checks that this config reports every
// direction the table forbids. Here a specifier is matched as text: a relative path climbing
// ('../', any number of times) straight into a directory, that directory as a bare path
// (tsconfig's baseUrl is '.'), or the alias '@/…' (= src/; '@contract/…' = types/ is allowed
// everywhere). Static imports and `export … from` are no-restricted-imports; import() and
// require() are no-restricted-syntax, with the same expressions.
const WHY = {
  types: 'the contract is shared by the app, the functions and the local cloud, and imports nothing of the project',
  src: 'the app imports only the contract (@contract/…) and itself (@/…); production code never knows the local cloud exists',
  cloudfunctions: 'the functions import only the contract and data/; production code never knows the local cloud exists',
  localcloud: "the local cloud runs the BUILT functions and reads their JSON declarations (collections.json, config.json), never their source; nor the app's, scripts' or tests'",
  config: "the app's build configuration (Node, at build time) imports the contract, data/ and the local cloud's values (to refuse them in a build for upload)",
  scripts: 'scripts use the local cloud, the functions and the contract; the app, tests and the benchmark are not theirs to import',
  test: 'the benchmark uses the tests\' support, so the tests do not use the benchmark',
  deploy: 'the deploy reads the declarations and provisions the local cloud; the app, scripts, tests and the benchmark use it, not the other way round',
}
const FORBIDDEN = {
  types: ['src', 'cloudfunctions', 'localcloud', 'config', 'scripts', 'test', 'bench', 'deploy', 'data'],
  src: ['cloudfunctions', 'localcloud', 'config', 'scripts', 'test', 'bench', 'deploy'],
  cloudfunctions: ['src', 'localcloud', 'config', 'scripts', 'test', 'bench', 'deploy'],
  localcloud: ['src', 'cloudfunctions', 'config', 'scripts', 'test', 'bench', 'deploy'],
  config: ['src', 'cloudfunctions', 'scripts', 'test', 'bench', 'deploy'],
  deploy: ['src', 'scripts', 'test', 'bench'],
  scripts: ['src', 'config', 'test', 'bench'],
  test: ['bench'],
}
const FILES = { src: 'src/**/*.{ts,tsx}', test: 'test/**/*.ts' }
// Known exceptions, one import each, listed (with their reasons) in test/boundaries.test.ts.
const EXCEPTIONS = { 'scripts/test.ts': '../test/quality/report', 'test/budgets.test.ts': '../bench/sizes' }

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The expressions for the specifiers `dir` must not import; `except` is one allowed specifier. */
function forbidden(dir, except) {
  const allow = except ? `(?!${escape(except)}$)` : ''
  return FORBIDDEN[dir].flatMap((target) => {
    const message = `${dir}/ must not import ${target}/: ${WHY[dir]}`
    // The local cloud may read the functions' JSON declarations, not their code.
    const tail = dir === 'localcloud' && target === 'cloudfunctions' ? '(?:/(?!.*\\.json$)|$)' : '(?:/|$)'
    const regexes = [`^${allow}(?:(?:\\./)?(?:\\.\\./)+)?${target}${tail}`, ...(target === 'src' ? [`^${allow}@/`] : [])]
    return regexes.map((regex) => ({ regex, message }))
  })
}

/** The boundary rules for `files` (a directory's files, or one exception file). */
function boundary(dir, files, { except, ignores, paths } = {}) {
  const patterns = forbidden(dir, except)
  // esquery's /regex/ may not contain a slash: \x2F matches one.
  const selector = (p) => `/${p.regex.replaceAll('/', '\\x2F')}/`
  return {
    files: [files],
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': ['error', { ...(paths ? { paths } : {}), patterns: patterns.map((p) => ({ ...p, caseSensitive: true })) }],
      'no-restricted-syntax': [
        'error',
        ...patterns.flatMap((p) => [
          { selector: `ImportExpression[source.value=${selector(p)}]`, message: p.message },
          { selector: `CallExpression[callee.name="require"][arguments.0.value=${selector(p)}]`, message: p.message },
        ]),
      ],
    },
  }
}

// NutUI icons render <i>, which WeChat cannot draw: src/components/icons.ts configures them.
const ICONS = [{ name: '@nutui/icons-react-taro', message: "import icons from '@/components/icons' (it makes them visible in WeChat)" }]

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
  // Rule entries for the same rule replace each other per file, so each file gets one block:
  // its directory's, or its exception's (the icons' path ban joins src/'s patterns).
  ...Object.keys(FORBIDDEN).map((dir) =>
    dir === 'src'
      ? boundary(dir, FILES.src, { ignores: ['src/components/icons.ts'], paths: ICONS })
      : boundary(dir, FILES[dir] ?? `${dir}/**/*.ts`, { ignores: Object.keys(EXCEPTIONS).filter((f) => f.startsWith(`${dir}/`)) }),
  ),
  boundary('src', 'src/components/icons.ts'),
  ...Object.entries(EXCEPTIONS).map(([file, specifier]) => boundary(file.split('/')[0], file, { except: specifier })),
  {
    // The main package must not pull zod in: pages import the contract's types only.
    files: ['src/pages/**/*.{ts,tsx}', 'src/services/**/*.ts', 'src/app.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
)

// Jest 30 with @swc/jest. Two projects: everything that runs in Node (unit, local cloud,
// functions, the weapp build in miniprogram-simulate; the app's pure modules and hooks have
// their test beside them in src/, the city generator beside it in bench/city/), and browser journeys in Chromium.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }]

const common = {
  testEnvironment: 'node',
  // Scratch builds (each test cloud's functions, the shared build cache, the bench's clouds) are not modules of the
  // tests: left in the haste map, each build's package.json names clash with the others'.
  modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/bench/tmp/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@contract/(.*)$': '<rootDir>/types/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
    // Bundlers take zod's ESM locale files; jest runs CommonJS, which zod ships beside them.
    '^zod/v4/locales/(.*)\\.js$': '<rootDir>/node_modules/zod/v4/locales/$1.cjs',
  },
}

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  // Longest files first, also on a fresh clone that has no recorded durations (see the file).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  projects: [
    { ...common, displayName: 'node', testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts', '<rootDir>/bench/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/', '<rootDir>/bench/tmp/'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'], globalSetup: '<rootDir>/test/browser/setup.ts', testEnvironment: '<rootDir>/test/browser/environment.ts' },
  ],
}

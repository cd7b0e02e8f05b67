// Jest 30 with @swc/jest. Projects: fast tests (unit, local cloud, functions, weapp build)
// and browser journeys (run against a started stack).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }]

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  moduleNameMapper: { '^@contract/(.*)$': '<rootDir>/types/$1', '^@/(.*)$': '<rootDir>/src/$1' },
  testTimeout: 60000,
  maxWorkers: 2,
}

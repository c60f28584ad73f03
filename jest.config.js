/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type errors fail the test file. tsconfig.json's isolatedModules would make ts-jest transpile only
  // (no type check), so tsconfig.jest.json turns it off; `npm run typecheck` still enforces it.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: true, tsconfig: 'tsconfig.jest.json' }] },
  testTimeout: 30000,
};

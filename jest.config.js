/** Every suite runs against the real PostgreSQL and Redis; each test file gets its own database. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@accord/testing$': '<rootDir>/test/support',
    '^@accord/ledger/testing$': '<rootDir>/libs/ledger/src/testing/given-when-then.fixtures',
    '^@accord/read-models/testing$':
      '<rootDir>/libs/read-models/src/testing/ledger-history.fixtures',
    '^@accord/reporting/testing$': '<rootDir>/libs/reporting/src/testing/sample-report.fixtures',
    '^@accord/(.*)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  maxWorkers: process.env.JEST_WORKERS ?? 3,
};

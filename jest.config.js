/**
 * Two projects. `unit`: the pure specs beside the code, no PostgreSQL or Redis, no global setup
 * (`npm run test:unit`). `services`: the specs that need the real PostgreSQL and Redis, where
 * each test file gets its own database cloned from a template migrated once per run. `npm test`
 * runs both.
 *
 * A spec needs the services when it sits in test/ (end-to-end, browser, fault, property), in the
 * event store, the demo or the worker, or tests a repository (only repositories touch the database).
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

/** Folders whose specs all need the services; besides them, every `*.repository.spec.ts`. */
const SERVICE_FOLDERS = ['test', 'libs/event-store', 'libs/demo', 'apps/worker'];

/**
 * openid-client and what it is built on ship only ES modules, which Jest's CommonJS runtime
 * cannot require (Node does, from 20.19): these few are compiled to CommonJS like our own code.
 */
const ESM_PACKAGES = ['openid-client', 'oauth4webapi', 'jose'];
const esmPackages = `node_modules/(?:${ESM_PACKAGES.join('|')})/`;

const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    [`${esmPackages}.+\\.js$`]: [
      '@swc/jest',
      { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'ecmascript' } } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@accord/testing$': '<rootDir>/test/support',
    '^@accord/ledger/testing$': '<rootDir>/libs/ledger/src/testing/given-when-then.fixtures',
    '^@accord/read-models/testing$':
      '<rootDir>/libs/read-models/src/testing/ledger-history.fixtures',
    '^@accord/reporting/testing$': '<rootDir>/libs/reporting/src/testing/sample-report.fixtures',
    '^@accord/platform/telemetry$': '<rootDir>/libs/platform/src/telemetry',
    '^@accord/(.*)$': '<rootDir>/libs/$1/src',
  },
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs'],
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        ...SERVICE_FOLDERS.map((folder) => `<rootDir>/${folder}/`),
        '\\.repository\\.spec\\.ts$',
      ],
    },
    {
      ...common,
      displayName: 'services',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
      testMatch: [
        ...SERVICE_FOLDERS.map((folder) => `<rootDir>/${folder}/**/*.spec.ts`),
        '<rootDir>/{apps,libs}/**/*.repository.spec.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // A global option: jest-circus reads it from the run's configuration, not a project's.
  testTimeout: 60000,
  maxWorkers: process.env.JEST_WORKERS ?? 3,
};

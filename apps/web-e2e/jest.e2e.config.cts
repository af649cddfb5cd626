/**
 * Jest config of the browser e2e suite. Named `jest.e2e.config.cts` (not `jest.config.*`) so the
 * @nx/jest plugin does not infer a `test` target: unit runs stay fast; this suite runs as `nx e2e web-e2e`.
 */
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/src/support/log-tail-reporter.cjs'],
  testTimeout: 60_000,
};

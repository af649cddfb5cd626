module.exports = {
  displayName: 'api-brokerage',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // Integration specs drive many real requests; on the shared 2-core box 5 s per test is too tight.
  testTimeout: 30_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/brokerage'
};

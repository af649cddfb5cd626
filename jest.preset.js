const nxPreset = require('@nx/jest/preset').default;

const ESM_ONLY = ['content-disposition'];

module.exports = {
  ...nxPreset,
  transform: {
    [`node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: require('node:path').join(__dirname, 'tools/jest/esm-to-cjs.js'),
  },
  transformIgnorePatterns: [`node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  // Integration specs boot real Nest apps and end with DROP DATABASE (a checkpoint): on the shared 2-core
  // box under load, an afterAll close alone measured 4.5 s, so the 5 s default failed suites at random.
  testTimeout: 30_000,
};

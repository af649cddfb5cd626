const nxPreset = require('@nx/jest/preset').default;

const ESM_ONLY = ['content-disposition'];

module.exports = {
  ...nxPreset,
  transform: {
    [`node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: require('node:path').join(__dirname, 'tools/jest/esm-to-cjs.js'),
  },
  transformIgnorePatterns: [`node_modules/(?!(${ESM_ONLY.join('|')})/)`],
};

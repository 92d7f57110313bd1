module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  // jose is published as ES modules only; swc turns it into CommonJS for jest like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};

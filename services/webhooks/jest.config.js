module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
};

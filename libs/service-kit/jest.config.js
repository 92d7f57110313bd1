module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  // The devstack (FerretDB, NATS) by path: an import of @conversations/testing would be a dependency cycle.
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
};

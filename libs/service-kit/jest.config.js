module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  // The store tests run against the devstack (FerretDB behind its write serializer) and NATS.
  globalSetup: '<rootDir>/../testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../testing/src/jest-global-teardown.ts',
};

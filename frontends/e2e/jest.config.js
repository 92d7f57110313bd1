// Browser tests: real headless Chromium against the built frontends and the real back end on the devstack.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 180_000,
  // The local identity provider (oidc-provider) and jose are ES modules only: swc turns them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(oidc-provider|jose)/)'],
};

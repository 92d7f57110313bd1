module.exports = {
  ...require('../jest.preset.js'),
  displayName: require('./package.json').name,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};

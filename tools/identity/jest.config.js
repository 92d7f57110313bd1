module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  // oidc-provider and jose are published as ES modules only; swc turns them into CommonJS for jest like our
  // own sources (outside jest, Node 20.19+ loads them with require() as they are).
  transformIgnorePatterns: ['/node_modules/(?!(oidc-provider|jose)/)'],
};

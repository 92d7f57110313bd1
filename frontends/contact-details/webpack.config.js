// The contact_details remote (see remoteConfigs in ../webpack.common.js).
const { remoteConfigs } = require('../webpack.common');

module.exports = (_env, argv) =>
  remoteConfigs({ projectDir: __dirname, name: 'contact_details', panel: './src/panel/ContactDetailsPanel.tsx', mode: argv.mode });

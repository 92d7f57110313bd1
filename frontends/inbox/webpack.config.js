// The inbox remote (see remoteConfigs in ../webpack.common.js).
const { remoteConfigs } = require('../webpack.common');

module.exports = (_env, argv) =>
  remoteConfigs({ projectDir: __dirname, name: 'inbox', panel: './src/panel/InboxPanel.tsx', mode: argv.mode });

// The conversation remote (see remoteConfigs in ../webpack.common.js).
const { remoteConfigs } = require('../webpack.common');

module.exports = (_env, argv) =>
  remoteConfigs({ projectDir: __dirname, name: 'conversation', panel: './src/panel/ConversationPanel.tsx', mode: argv.mode });

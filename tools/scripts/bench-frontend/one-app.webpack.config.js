// bench:frontend's comparison build: the same shell and the same three panels as one plain app (no Module
// Federation), with the shell's build settings and the same precompressed copies.
//   webpack --config tools/scripts/bench-frontend/one-app.webpack.config.js --mode production --env outDir=<dir>
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
// The frontends' own build settings (not a project's code): the comparison must build exactly as they do.
// eslint-disable-next-line @nx/enforce-module-boundaries
const { baseConfig, precompressed } = require('../../../frontends/webpack.common');

const frontends = path.resolve(__dirname, '../../../frontends');
const shell = path.join(frontends, 'shell');

module.exports = (env, argv) => {
  if (!env.outDir) throw new Error('--env outDir=<dir> is required');
  const base = baseConfig({ projectDir: shell, mode: argv.mode, publicPath: '/', hashedEntry: false });
  return {
    ...base,
    output: { ...base.output, path: path.resolve(env.outDir) },
    entry: { main: './src/index.ts' },
    resolve: {
      ...base.resolve,
      alias: {
        'one-app-panel/inbox': path.join(frontends, 'inbox/src/panel/InboxPanel.tsx'),
        'one-app-panel/conversation': path.join(frontends, 'conversation/src/panel/ConversationPanel.tsx'),
        'one-app-panel/contact_details': path.join(frontends, 'contact-details/src/panel/ContactDetailsPanel.tsx'),
      },
    },
    plugins: [
      // The shell's loader of remote panels → the panels themselves.
      new (require('webpack').NormalModuleReplacementPlugin)(/^\.\/remotes$/, (resource) => {
        if (path.resolve(resource.context) === path.join(shell, 'src')) resource.request = path.join(__dirname, 'one-app-remotes.js');
      }),
      new HtmlWebpackPlugin({ template: './src/index.html', title: 'Conversations', favicon: '../favicon.svg' }),
      ...precompressed(argv.mode),
    ],
  };
};

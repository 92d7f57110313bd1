// The conversation remote: its own build, its own dist/ (with mf-manifest.json), deployable on its own origin.
const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
const { baseConfig, precompressed, runtimeProvider, sharedSingletons, usesPageRuntime } = require('../webpack.common');

module.exports = (_env, argv) => [
  {
    name: 'conversation',
    ...baseConfig({ projectDir: __dirname, mode: argv.mode }),
    entry: {},
    plugins: [
      new ModuleFederationPlugin({
        name: 'conversation',
        filename: 'remoteEntry.js',
        exposes: {
          // The React component the shell renders.
          './Panel': './src/panel/ConversationPanel.tsx',
          // Framework-agnostic embedding: mount(element, options) and the custom element (F35).
          './mount': './src/mount.tsx',
        },
        shared: sharedSingletons(),
        // No federation runtime of its own: the page's (the shell's, or mf-runtime.js on an embedding page).
        ...usesPageRuntime(),
        manifest: true,
        dts: false,
      }),
      ...precompressed(argv.mode),
    ],
  },
  // mf-runtime.js, for pages without the shell (frontends/webpack.common.js).
  runtimeProvider({ projectDir: __dirname, mode: argv.mode, after: 'conversation' }),
];

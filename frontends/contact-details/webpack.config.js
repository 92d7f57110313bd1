// The contact-details remote: its own build, its own dist/ (with mf-manifest.json), deployable on its own origin.
const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
const { baseConfig, precompressed, sharedSingletons } = require('../webpack.common');

module.exports = (_env, argv) => ({
  ...baseConfig({ projectDir: __dirname, mode: argv.mode }),
  entry: {},
  plugins: [
    new ModuleFederationPlugin({
      name: 'contact_details',
      filename: 'remoteEntry.js',
      exposes: {
        // The React component the shell renders.
        './Panel': './src/panel/ContactDetailsPanel.tsx',
        // Framework-agnostic embedding: mount(element, options) and the custom element (F35).
        './mount': './src/mount.tsx',
      },
      shared: sharedSingletons(),
      manifest: true,
      dts: false,
    }),
    ...precompressed(argv.mode),
  ],
});

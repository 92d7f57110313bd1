// The shell (host): sign-in, layout and routing. It knows no remote at build time: remotes.json, served
// next to index.html, says where each panel is deployed (read at run time, see src/remotes.ts).
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
const { baseConfig, precompressed, providesRuntime, sharedSingletons } = require('../webpack.common');

/** A default remotes.json (everything on this machine) in dist/; a deployment replaces it, or a server overrides it. */
class DefaultRemotesJson {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('DefaultRemotesJson', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'DefaultRemotesJson', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const config = {
            apiBaseUrl: 'http://127.0.0.1:3000',
            remotes: {
              inbox: 'http://127.0.0.1:4201/mf-manifest.json',
              conversation: 'http://127.0.0.1:4202/mf-manifest.json',
              contact_details: 'http://127.0.0.1:4203/mf-manifest.json',
            },
          };
          compilation.emitAsset('remotes.json', new compiler.webpack.sources.RawSource(JSON.stringify(config, null, 2) + '\n'));
        },
      );
    });
  }
}

module.exports = (_env, argv) => ({
  // The entry keeps a plain name: the host's federation runtime module cannot resolve a hash in the entry's
  // filename ("[contenthash] not implemented in this context"); index.html and main.js are served no-cache.
  ...baseConfig({ projectDir: __dirname, mode: argv.mode, publicPath: '/', hashedEntry: false }),
  entry: { main: './src/index.ts' },
  plugins: [
    new ModuleFederationPlugin({
      name: 'shell',
      remotes: {},
      shared: sharedSingletons(),
      // The one federation runtime of the page, which the remotes use (frontends/webpack.common.js).
      ...providesRuntime(),
      dts: false,
    }),
    new HtmlWebpackPlugin({ template: './src/index.html', title: 'Conversations', favicon: '../favicon.svg' }),
    new DefaultRemotesJson(),
    ...precompressed(argv.mode),
  ],
});

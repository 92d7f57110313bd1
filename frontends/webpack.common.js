// Build settings every frontend shares: TypeScript + React through swc, CSS, hashed output, and the
// shared singletons of Module Federation. Each project's webpack.config.js holds its own federation block.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const CompressionPlugin = require('compression-webpack-plugin');
const rootPackage = require('../package.json');

const version = (name) => rootPackage.dependencies[name] ?? rootPackage.devDependencies[name];

/**
 * One React, one react-dom, one query cache, one panel bus, one API client (one SSE connection) per page:
 * whichever container loads first provides them, the others reuse them.
 */
function sharedSingletons() {
  const react = version('react');
  const reactDom = version('react-dom');
  const query = version('@tanstack/react-query');
  const pinned = (requiredVersion, packageVersion = requiredVersion) => ({
    singleton: true,
    requiredVersion: `^${requiredVersion}`,
    version: packageVersion,
  });
  return {
    react: pinned(react),
    'react/jsx-runtime': pinned(react),
    'react-dom': pinned(reactDom),
    'react-dom/client': pinned(reactDom),
    '@tanstack/react-query': pinned(query),
    '@conversations/panel-bus': pinned('0.1.0'),
    '@conversations/api-client': pinned('0.1.0'),
    '@conversations/ui': pinned('0.1.0'),
  };
}

function baseConfig({ projectDir, mode, publicPath = 'auto', hashedEntry = true }) {
  const production = mode !== 'development';
  return {
    mode: production ? 'production' : 'development',
    context: projectDir,
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    output: {
      path: path.join(projectDir, 'dist'),
      publicPath,
      filename: production && hashedEntry ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
      // Browsers load remotes cross-origin; this keeps script errors readable.
      crossOriginLoading: 'anonymous',
    },
    resolve: { extensions: ['.tsx', '.ts', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.[jt]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic' } },
                target: 'es2020',
              },
            },
          },
        },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      ],
    },
    // Readable chunk names (e.g. …react-dom…) so the bundle report and the "React loads once" test can name them.
    optimization: { chunkIds: 'named', moduleIds: 'deterministic' },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

/**
 * Production builds ship a brotli (.br) and a gzip (.gz) copy of each text asset next to it, made once at
 * build time at the highest levels, which the static server and nginx (gzip_static) send to browsers that
 * accept them. Not remotes.json: a deployment edits it in place, and a stale copy would win.
 */
function precompressed(mode) {
  if (mode === 'development') return [];
  const test = /\.(js|css|html|svg|json)$/;
  const exclude = /remotes\.json$|mf-stats\.json$/;
  return [
    new CompressionPlugin({
      test,
      exclude,
      algorithm: 'gzip',
      compressionOptions: { level: 9 },
      filename: '[path][base].gz',
      threshold: 1024,
    }),
    new CompressionPlugin({
      test,
      exclude,
      algorithm: 'brotliCompress',
      compressionOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } },
      filename: '[path][base].br',
      threshold: 1024,
    }),
  ];
}

/** A package's ES module build: the one webpack bundles when the federation runtime imports it. */
function esmBuildOf(request) {
  const esm = require.resolve(request).replace(/\.cjs$/, '.js');
  if (!fs.existsSync(esm)) throw new Error(`${request}: no ES module build at ${esm}`);
  return esm;
}

/**
 * The Module Federation runtime (@module-federation/runtime-core, ≈ 27 KB gzip) once per page, not once per
 * container. The shell bundles it and hands it to the page as the global `_FEDERATION_RUNTIME_CORE`: the
 * plugin that `experiments.provideExternalRuntime` adds, given here as its ES module build (the option adds
 * its CommonJS build, which brings a second, CommonJS copy of the runtime into the shell). Each remote leaves
 * the runtime out and uses that global (`experiments.externalRuntime`).
 */
function providesRuntime() {
  return { runtimePlugins: [esmBuildOf('@module-federation/inject-external-runtime-core-plugin')] };
}
function usesPageRuntime() {
  return { experiments: { externalRuntime: true } };
}

/**
 * A page that loads a remote without the shell (embedding, F35) has no runtime to lend it: each remote also
 * ships `mf-runtime.js`, the same runtime as a plain script that sets that global, for such a page to load
 * once, before the first remoteEntry.js (see frontends/embed-demo). A second compiler of the remote's build,
 * run after it (so its output.clean leaves this file alone), into the same dist/.
 */
function runtimeProvider({ projectDir, mode, after }) {
  const base = baseConfig({ projectDir, mode, hashedEntry: false });
  return {
    ...base,
    name: `${after}-mf-runtime`,
    dependencies: [after],
    devtool: false,
    output: { ...base.output, clean: false },
    entry: {
      'mf-runtime': {
        import: esmBuildOf('@module-federation/runtime-core'),
        library: { type: 'window', name: '_FEDERATION_RUNTIME_CORE' },
      },
    },
    plugins: [...precompressed(mode)],
  };
}

/**
 * A panel remote's builds: its container (its own dist/ with mf-manifest.json, deployable on its own origin),
 * exposing the React component the shell renders (`./Panel`) and framework-agnostic embedding (`./mount`:
 * mount(element, options) and the custom element, F35), without a federation runtime of its own; and its
 * mf-runtime.js for pages without the shell.
 */
function remoteConfigs({ projectDir, name, panel, mode }) {
  const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
  return [
    {
      name,
      ...baseConfig({ projectDir, mode }),
      entry: {},
      plugins: [
        new ModuleFederationPlugin({
          name,
          filename: 'remoteEntry.js',
          exposes: { './Panel': panel, './mount': './src/mount.tsx' },
          shared: sharedSingletons(),
          ...usesPageRuntime(),
          manifest: true,
          dts: false,
        }),
        ...precompressed(mode),
      ],
    },
    runtimeProvider({ projectDir, mode, after: name }),
  ];
}

module.exports = { baseConfig, sharedSingletons, precompressed, providesRuntime, remoteConfigs };

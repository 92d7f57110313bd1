import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The module-boundary rule is what keeps the architecture honest: a service never imports another
// service, frontends never import service code, and everything may import libs tagged scope:shared.
// Every project also has a side — where its code may run: side:server (Node: services, tools,
// service-kit…), side:browser (the panels, ui, panel-bus) or side:both (contracts, api-client) — and
// imports only its own side or both, so a panel cannot pull in mongoose or Nest.
export default [
  { ignores: ['**/node_modules', '**/dist', '**/.nx', 'tools/devstack/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:frontend', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // Tools may run the local identity provider (tools/identity), itself a tool.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:service', 'scope:identity'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'side:server', onlyDependOnLibsWithTags: ['side:server', 'side:both'] },
            { sourceTag: 'side:browser', onlyDependOnLibsWithTags: ['side:browser', 'side:both'] },
            { sourceTag: 'side:both', onlyDependOnLibsWithTags: ['side:both'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-only imports say so: they vanish from the emitted code, and a reader sees what is a value.
    // With these parser options the rule leaves files with decorators alone: Nest's dependency
    // injection reads constructor parameter types at run time (emitDecoratorMetadata).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }] },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The rules of hooks and the React Compiler's checks (set-state-in-effect, refs, purity…) on every
    // React module; a missing effect dependency is an error too: it is a stale-closure bug waiting.
    files: ['**/*.tsx', 'frontends/**/*.ts', 'libs/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  // Formatting is Prettier's (`npm run format`); no lint rule argues with it.
  prettier,
];

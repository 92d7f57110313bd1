// Shared jest settings of the frontends: TypeScript + JSX through swc; pure logic runs in node, component
// tests (`*.spec.tsx`, Testing Library) opt into jsdom with a `@jest-environment jsdom` docblock.
const preset = require('../jest.preset.js');

const [, nodeSwcOptions] = preset.transform['^.+\\.(t|j)s$'];
const swcOptions = {
  ...nodeSwcOptions,
  jsc: {
    ...nodeSwcOptions.jsc,
    parser: { syntax: 'typescript', tsx: true, decorators: true },
    transform: { ...nodeSwcOptions.jsc.transform, react: { runtime: 'automatic' } },
  },
};

module.exports = (projectDir) => ({
  ...preset,
  displayName: require(`${projectDir}/package.json`).name,
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcOptions] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  moduleNameMapper: { '\\.css$': '<rootDir>/../../libs/ui/src/css.d.ts' },
});

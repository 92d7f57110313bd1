// Shared jest settings: swc transpiles TypeScript (with Nest's decorator metadata), tests run in node.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const swcOptions = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8'));
swcOptions.swcrc = false;

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swcOptions] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 60_000,
};

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
  // Covers a backend's start (services spawned, seeded) under two projects in parallel on 2 cores.
  testTimeout: 120_000,
  reporters: ['default', join(__dirname, 'tools/jest/timings-reporter.js')],
  setupFilesAfterEnv: [join(__dirname, 'tools/jest/retry-in-ci.js')],
};

/** Browser tests: the built editor in Debian's Chromium, driven by playwright-core (see test/browser/run.cjs). */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  testTimeout: 300000,
};

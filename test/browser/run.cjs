'use strict';
/* global __dirname */
/**
 * `npm run test:browser`: builds the editor when its sources changed, then runs the browser suites
 * (test/browser/*.browser-spec.ts) two at a time (each with its own service and browser; most of a
 * suite's time is spent waiting for pages, so two share the cores well) in Debian's Chromium. Where Chromium is not
 * installed (`apt-get install -y chromium`), says so and runs nothing; `.ci/run` installs it, so CI
 * always runs them. CHROMIUM_PATH overrides /usr/bin/chromium.
 */
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { buildEditor } = require('../../api/scripts/build.cjs');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  process.stdout.write(
    `Browser tests not run: ${chromium} is missing (apt-get install -y chromium). .ci/run installs it.\n`,
  );
  process.exit(0);
}
if (!buildEditor({ ifChanged: true })) process.exit(1);
const jest = require.resolve('jest/bin/jest');
const result = spawnSync(
  process.execPath,
  [
    jest,
    '--config',
    join(__dirname, '..', '..', 'jest.browser.config.js'),
    '--maxWorkers=2',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } },
);
process.exit(result.status ?? 1);

'use strict';
/* global __dirname */
/**
 * Jest's global setup: builds the service (dist/) once when its sources changed, so that the suites
 * that run the rules CLI or the service as commands run the current sources' build, as
 * `npm run rules` and `npm start` do (api/scripts/build.cjs; a no-op when dist/ is up to date).
 * The services the suites boot from sources then start their engine workers from that build too
 * (ENGINE_WORKER_FILE, read by worker-pool.service.ts): a worker starts in about 0.3 s instead of
 * 0.8 s through tsx, and every suite that boots the service starts two.
 */
const { join } = require('node:path');
const { build } = require('../../api/scripts/build.cjs');

module.exports = async function globalSetup() {
  if (!build({ ifChanged: true }))
    throw new Error('the service (dist/) could not be built: see the compiler output above');
  process.env.ENGINE_WORKER_FILE ??= join(
    __dirname,
    '..',
    '..',
    'dist',
    'api',
    'src',
    'workers',
    'engine-worker.js',
  );
};

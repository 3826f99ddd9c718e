'use strict';
/**
 * Jest's global setup: builds the service (dist/) once when its sources changed, so that the suites
 * that run the rules CLI or the service as commands run the current sources' build, as
 * `npm run rules` and `npm start` do (api/scripts/build.cjs; a no-op when dist/ is up to date).
 */
const { build } = require('../../api/scripts/build.cjs');

module.exports = async function globalSetup() {
  if (!build({ ifChanged: true }))
    throw new Error('the service (dist/) could not be built: see the compiler output above');
};

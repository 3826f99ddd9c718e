'use strict';
/* global __dirname */
/**
 * `npm start`: builds the service and the editor only when their sources changed since the last build (see
 * build.cjs), then runs dist/api/src/main.js in this process.
 */
const { join } = require('node:path');
const { build, buildEditor } = require('./build.cjs');

if (!build({ ifChanged: true }) || !buildEditor({ ifChanged: true })) process.exit(1);
require(join(__dirname, '..', '..', 'dist', 'api', 'src', 'main.js'));

'use strict';
/**
 * Loads the TypeScript engine worker in a worker thread when the service runs from sources (Jest,
 * tsx): worker threads get neither Jest's transform nor, reliably, tsx's loader, so this registers
 * tsx's CommonJS hooks (a devDependency) first. The compiled service (dist/) loads
 * engine-worker.js directly and never reads this file.
 */
require('tsx/cjs/api').register();
module.exports = require('./engine-worker.ts');

'use strict';
/* global __dirname */
/**
 * Builds the service into dist/ with the TypeScript compiler, and remembers a fingerprint of what
 * the build was made from (every file under api/src, the tsconfig files, package.json and
 * package-lock.json) in dist/.source-hash, so that `npm start` builds again only when one changed.
 *
 *   node api/scripts/build.cjs                       clean build (npm run build)
 *   node api/scripts/build.cjs --if-changed          build only when the sources changed
 *   node api/scripts/build.cjs --if-changed --database-template --optional
 *                                                    also prepare the embedded database template;
 *                                                    a failure is reported but does not fail
 *                                                    `npm install`, which runs this as `prepare`
 *                                                    (`npm start` then builds and reports it)
 * Exits 1 when the compiler reports an error (nothing is remembered then), unless --optional.
 */
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.source-hash');
const INPUTS = ['api/src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** `path` itself when it is a file, else every file under it; paths relative to `root`. */
function filesOf(root, path) {
  const absolute = join(root, path);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [path];
  return readdirSync(absolute, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** SHA-256 (hex) over the names and contents of the build's inputs under `root`. */
function sourceHash(root = ROOT) {
  const hash = createHash('sha256');
  const files = INPUTS.flatMap((input) => filesOf(root, input)).sort();
  for (const file of files) {
    hash.update(file.split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when dist/ was built from the current sources. */
function upToDate(hash) {
  return (
    existsSync(join(DIST, 'api', 'src', 'main.js')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === hash
  );
}

/**
 * Builds dist/ (from scratch, so no output of a deleted source survives) unless `ifChanged` and it
 * is up to date. @returns true when built or up to date, false when the compiler failed.
 */
function build({ ifChanged }) {
  const hash = sourceHash();
  if (ifChanged && upToDate(hash)) return true;
  process.stderr.write('Building the service (dist/) from api/src …\n');
  rmSync(DIST, { recursive: true, force: true });
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('The TypeScript compiler is not installed: run npm install first.\n');
    return false;
  }
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) return false;
  writeFileSync(STAMP, hash);
  return true;
}

module.exports = { build, sourceHash };

if (require.main === module) {
  const args = new Set(process.argv.slice(2));
  if (!build({ ifChanged: args.has('--if-changed') })) {
    if (!args.has('--optional')) process.exit(1);
    process.stderr.write('The service could not be built now; npm start will build it again and show why.\n');
    process.exit(0);
  }
  if (args.has('--database-template')) {
    const { prepareDatabaseTemplate } = require(join(DIST, 'api/src/database/data-source.js'));
    const { pgliteTemplatePath } = require(join(DIST, 'api/src/database/pglite-template.js'));
    prepareDatabaseTemplate().then(
      (outcome) => {
        if (outcome === 'created')
          process.stderr.write(
            `Prepared the embedded database template ${relative(ROOT, pgliteTemplatePath())}\n`,
          );
      },
      (e) => {
        // Only a speed-up: without it the first start runs initdb itself.
        process.stderr.write(`Could not prepare the embedded database template: ${e.message}\n`);
      },
    );
  }
}

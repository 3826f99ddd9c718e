'use strict';
/* global __dirname */
/**
 * Builds the service into dist/ with the TypeScript compiler and the editor into editor/dist with
 * Vite, and remembers a fingerprint of what
 * the build was made from (every file under api/src, the tsconfig files, package.json and
 * package-lock.json) in dist/.source-hash (the editor's in editor/dist/.source-hash), so that
 * `npm start` builds again only what changed.
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
const { dirname, join, relative, sep } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.source-hash');
const INPUTS = ['api/src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** The editor's inputs: its sources and configuration, the engine it takes types from, the schema. */
const EDITOR_INPUTS = ['editor', 'api/src/engine', 'rulesets/schema', 'package.json', 'package-lock.json'];
const EDITOR_DIST = join(ROOT, 'editor', 'dist');
const EDITOR_STAMP = join(EDITOR_DIST, '.source-hash');
/** Folders under editor/ that are outputs or artefacts, not inputs. */
const EDITOR_OUTPUTS = [
  join('editor', 'dist'),
  join('editor', 'node_modules'),
  join('editor', 'test-results'),
];

/** `path` itself when it is a file, else every file under it; paths relative to `root`. */
function filesOf(root, path) {
  const absolute = join(root, path);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [path];
  return readdirSync(absolute, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((file) => !EDITOR_OUTPUTS.some((output) => file.startsWith(output + sep)));
}

/** SHA-256 (hex) over the names and contents of the build's inputs under `root`. */
function sourceHash(root = ROOT, inputs = INPUTS) {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => filesOf(root, input)).sort();
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

/**
 * Builds the editor (editor/dist) with Vite unless `ifChanged` and it was built from the current
 * sources. @returns true when built or up to date, false when the build failed.
 */
function buildEditor({ ifChanged }) {
  const hash = sourceHash(ROOT, EDITOR_INPUTS);
  if (ifChanged && existsSync(join(EDITOR_DIST, 'index.html')) && existsSync(EDITOR_STAMP)) {
    if (readFileSync(EDITOR_STAMP, 'utf8') === hash) return true;
  }
  let vite;
  try {
    vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    process.stderr.write('Vite is not installed: run npm install first.\n');
    return false;
  }
  process.stderr.write('Building the editor (editor/dist) from editor/src …\n');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(ROOT, 'editor', 'vite.config.mts'), '--logLevel', 'warn'],
    { cwd: join(ROOT, 'editor'), stdio: 'inherit' },
  );
  if (result.status !== 0) return false;
  writeFileSync(EDITOR_STAMP, hash);
  return true;
}

module.exports = { build, buildEditor, sourceHash };

if (require.main === module) {
  const args = new Set(process.argv.slice(2));
  const ifChanged = args.has('--if-changed');
  if (!build({ ifChanged }) || !buildEditor({ ifChanged })) {
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

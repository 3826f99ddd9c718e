import { readdirSync, readFileSync, statSync } from 'node:fs';
import { invalidUtf8Byte } from '../common/content-type';
import { basename, join } from 'node:path';
import { repositoryPath } from '../config/repository-paths';
import {
  compileVersion,
  InvalidRulesetError,
  RulesetCatalog,
  type CompiledVersion,
  type FieldProblem,
} from '../engine';

/** The repository's shipped rulesets: `rulesets/<key>/<version>.json`. */
export const DEFAULT_RULESETS_DIR = repositoryPath('rulesets');

/** A version file as read from disk, parsed or not. */
export interface VersionFile {
  file: string;
  document: unknown;
  /** A JSON syntax error, when the file could not be parsed. */
  parseError?: FieldProblem;
}

/**
 * Reads one JSON file; a syntax error, or bytes that are not UTF-8 text (a file saved as GBK), become
 * a problem, not an exception (nor text with its bad bytes replaced by U+FFFD).
 */
export function readVersionFile(file: string): VersionFile {
  const bytes = readFileSync(file);
  const at = invalidUtf8Byte(bytes);
  if (at !== null)
    return {
      file,
      document: null,
      parseError: {
        path: '',
        code: 'json',
        message: `is not UTF-8 text: byte ${at} is not part of a UTF-8 character (save the file as UTF-8)`,
      },
    };
  const text = bytes.toString('utf8');
  try {
    return { file, document: JSON.parse(text) as unknown };
  } catch (e) {
    return {
      file,
      document: null,
      parseError: { path: '', code: 'json', message: `is not valid JSON: ${(e as Error).message}` },
    };
  }
}

/** Every version file under a ruleset directory (`*.json`, sorted by name). */
export function versionFilesIn(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(directory, name));
}

/** The ruleset directories under a rulesets root (every folder but `schema`). */
export function rulesetDirectories(root: string = DEFAULT_RULESETS_DIR): string[] {
  return readdirSync(root)
    .filter((name) => name !== 'schema' && statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => join(root, name));
}

/**
 * Expands a path given on the command line into version files: a file, a ruleset directory, or a
 * rulesets root holding ruleset directories.
 */
export function versionFilesAt(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const own = versionFilesIn(path);
  if (own.length > 0) return own;
  return rulesetDirectories(path).flatMap(versionFilesIn);
}

/**
 * Loads and compiles every version of every ruleset under `root`.
 * @throws InvalidRulesetError (with the file named in each path) when a shipped version is broken.
 */
export function loadCatalogs(root: string = DEFAULT_RULESETS_DIR): Map<string, RulesetCatalog> {
  const catalogs = new Map<string, RulesetCatalog>();
  for (const directory of rulesetDirectories(root)) {
    const versions: CompiledVersion[] = versionFilesIn(directory).map((file) => {
      const read = readVersionFile(file);
      if (read.parseError) throw new InvalidRulesetError([{ ...read.parseError, path: `${basename(file)}` }]);
      try {
        return compileVersion(read.document);
      } catch (e) {
        if (e instanceof InvalidRulesetError)
          throw new InvalidRulesetError(e.errors.map((p) => ({ ...p, path: `${basename(file)}#${p.path}` })));
        throw e;
      }
    });
    const key = versions[0]?.key ?? basename(directory);
    catalogs.set(key, new RulesetCatalog(key, versions));
  }
  return catalogs;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds a top-level folder of the repository (such as `rulesets` or `editor/dist`) by walking up
 * from this file, so the same code works from `api/src` (tsx, tests) and from `dist/` (built).
 */
export function repositoryPath(name: string, from: string = __dirname): string {
  let current = from;
  for (;;) {
    const candidate = join(current, name);
    if (existsSync(candidate) && existsSync(join(current, 'package.json'))) return candidate;
    const parent = dirname(current);
    if (parent === current) return join(process.cwd(), name);
    current = parent;
  }
}

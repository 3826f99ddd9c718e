/**
 * `npm start` builds again only when the build's inputs changed: the digest covers every file under
 * api/src, the tsconfig files and the package manifests, and nothing else.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sourceHash } = require('../api/scripts/build.cjs') as { sourceHash: (root?: string) => string };

describe('the build digest', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-digest-'));
    mkdirSync(join(root, 'api', 'src', 'engine'), { recursive: true });
    writeFileSync(join(root, 'api', 'src', 'main.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'api', 'src', 'engine', 'index.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'tsconfig.json'), '{}\n');
    writeFileSync(join(root, 'package.json'), '{}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is the same for the same files', () => {
    expect(sourceHash(root)).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceHash(root)).toBe(sourceHash(root));
  });

  it.each([
    [
      'a source is edited',
      (r: string) => writeFileSync(join(r, 'api', 'src', 'engine', 'index.ts'), 'export const b = 3;\n'),
    ],
    ['a source is added', (r: string) => writeFileSync(join(r, 'api', 'src', 'new.ts'), '')],
    ['a source is removed', (r: string) => rmSync(join(r, 'api', 'src', 'main.ts'))],
    [
      'a source is renamed',
      (r: string) => {
        rmSync(join(r, 'api', 'src', 'main.ts'));
        writeFileSync(join(r, 'api', 'src', 'start.ts'), 'export const a = 1;\n');
      },
    ],
    [
      'tsconfig.json changes',
      (r: string) => writeFileSync(join(r, 'tsconfig.json'), '{"compilerOptions":{}}\n'),
    ],
    ['tsconfig.build.json appears', (r: string) => writeFileSync(join(r, 'tsconfig.build.json'), '{}\n')],
    ['package-lock.json changes', (r: string) => writeFileSync(join(r, 'package-lock.json'), '{}\n')],
  ])('changes when %s', (_what, change) => {
    const before = sourceHash(root);
    change(root);
    expect(sourceHash(root)).not.toBe(before);
  });

  it('does not change for files the build does not read (tests, rulesets, the README)', () => {
    const before = sourceHash(root);
    mkdirSync(join(root, 'test'));
    writeFileSync(join(root, 'test', 'a.spec.ts'), 'it("x", () => undefined);\n');
    mkdirSync(join(root, 'rulesets'));
    writeFileSync(join(root, 'rulesets', '2019.json'), '{}\n');
    writeFileSync(join(root, 'README.md'), '# x\n');
    expect(sourceHash(root)).toBe(before);
  });
});

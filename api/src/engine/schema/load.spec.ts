import { minimalVersion } from '../../../../test/support/ruleset-factory';
import { readRepoText, shippedFiles } from '../../../../test/support/shipped-rulesets';
import type { FieldProblem } from '../errors';
import { jsonSchemaText } from './json-schema';
import { readRulesetVersion, schemaProblems } from './load';
import { RulesetVersionSchema, TEXT_LIMITS } from './ruleset.schema';

/** A fresh base document as a plain JSON object, to break on purpose. */
const raw = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(minimalVersion())) as Record<string, unknown>;

/** The object at `path` (JSON Pointer) inside `document`. */
function at(document: unknown, path: string): Record<string, unknown> {
  let node: unknown = document;
  for (const token of path.split('/').slice(1)) node = (node as Record<string, unknown>)[token];
  return node as Record<string, unknown>;
}

/** The problems reading `document` reports (fails the test when it is valid). */
function problems(document: unknown): FieldProblem[] {
  const read = readRulesetVersion(document);
  if (read.version) throw new Error('expected the document to be refused');
  return read.problems;
}

describe('readRulesetVersion', () => {
  it('reads a valid document', () => {
    const read = readRulesetVersion(minimalVersion());
    expect(read.problems).toEqual([]);
    expect(read.version?.metadata.key).toBe('test-ruleset');
  });

  it.each(shippedFiles().map((f) => [f.file, f.document] as const))('reads the shipped %s', (_, document) => {
    expect(readRulesetVersion(document).problems).toEqual([]);
  });

  it('names the path and shows a valid example for a bad date', () => {
    const doc = raw();
    at(doc, '/metadata')['effectiveFrom'] = '2019-1-1';
    const found = problems(doc);
    expect(found.map((p) => [p.path, p.code])).toEqual([['/metadata/effectiveFrom', 'schema']]);
    expect(found[0]?.message).toContain('must be a calendar date, YYYY-MM-DD, such as "2019-01-01"');
  });

  it('shows an example for a bad decimal string', () => {
    const doc = raw();
    at(doc, '/parameters/0/values/0')['value'] = '4,00';
    const found = problems(doc);
    expect(found.map((p) => [p.path, p.code])).toEqual([['/parameters/0/values/0/value', 'schema']]);
    expect(found[0]?.message).toContain('must be a decimal number written as a string, such as "420.00"');
  });

  it('lists the allowed fields for an unknown field', () => {
    const doc = raw();
    at(doc, '/metadata')['colour'] = 'blue';
    expect(problems(doc)).toEqual([
      {
        path: '/metadata/colour',
        code: 'schema',
        message:
          'is not a known field; the fields allowed here are key, version, effectiveFrom, reviewBy, title, description, sources',
      },
    ]);
  });

  it('lists the allowed fields at the top level and inside a nested rule condition', () => {
    const top = raw();
    top['colour'] = 'blue';
    expect(problems(top)[0]?.message).toContain(
      'the fields allowed here are $schema, formatVersion, metadata, jurisdictionGroups, jurisdictions',
    );
    const nested = raw();
    at(nested, '/rules/household/0/conditions/all/0')['colour'] = 'blue';
    expect(problems(nested)).toEqual([
      {
        path: '/rules/household/0/conditions/all/0/colour',
        code: 'schema',
        message:
          'is not a known field; the fields allowed here are all, any, not, fact, operator, value, name',
      },
    ]);
  });

  it('says what a missing field must be, with an example', () => {
    const doc = raw();
    delete at(doc, '/metadata')['title'];
    expect(problems(doc)).toEqual([
      {
        path: '/metadata/title',
        code: 'schema',
        message: 'is required: an object, such as {"zh":"农村低保标准","en":"Rural dibao standard"}',
      },
    ]);
  });

  it('lists the values of a closed set', () => {
    const doc = raw();
    at(doc, '/benefits/0')['period'] = 'week';
    expect(problems(doc)).toEqual([
      { path: '/benefits/0/period', code: 'schema', message: 'must be one of "month", "year", "oneOff"' },
    ]);
  });

  it('says how many items a list needs and that a string must not be empty', () => {
    const doc = raw();
    doc['jurisdictions'] = [];
    at(doc, '/metadata/title')['en'] = '';
    expect(problems(doc)).toEqual([
      { path: '/metadata/title/en', code: 'schema', message: 'must not be empty' },
      { path: '/jurisdictions', code: 'schema', message: 'must have at least 1 item' },
    ]);
  });

  it('refuses texts longer than their limit, in characters, naming each field', () => {
    const doc = raw();
    const benefits = doc['benefits'] as Record<string, unknown>[];
    (benefits[0]!['label'] as Record<string, string>)['zh'] = 'a'.repeat(950_000);
    // Characters, not UTF-16 units: 200 characters outside the BMP are 400 units and still fit.
    (benefits[0]!['label'] as Record<string, string>)['en'] = '𠀀'.repeat(TEXT_LIMITS.label);
    benefits[0]!['basis'] = '十'.repeat(TEXT_LIMITS.basis + 1);
    at(doc, '/metadata')['description'] = { zh: '说'.repeat(TEXT_LIMITS.description + 1), en: 'ok' };
    expect(problems(doc)).toEqual([
      {
        path: '/metadata/description/zh',
        code: 'schema',
        message: 'must have at most 4000 characters (has 4001)',
      },
      {
        path: '/benefits/0/label/zh',
        code: 'schema',
        message: 'must have at most 200 characters (has 950000)',
      },
      { path: '/benefits/0/basis', code: 'schema', message: 'must have at most 500 characters (has 501)' },
    ]);
  });

  it('refuses long texts where the schema leaves values open (test households, rule conditions)', () => {
    const doc = raw();
    doc['tests'] = [
      {
        name: 'long note',
        asOf: '2019-07-01',
        household: {
          note: 'x'.repeat(TEXT_LIMITS.description + 1),
          fits: 'x'.repeat(TEXT_LIMITS.description),
        },
        expected: { benefits: [] },
      },
    ];
    expect(problems(doc)).toEqual([
      {
        path: '/tests/0/household/note',
        code: 'schema',
        message: 'must have at most 4000 characters (has 4001)',
      },
    ]);
  });

  it('reports every problem at once, one per path', () => {
    const doc = raw();
    at(doc, '/metadata')['effectiveFrom'] = 20190101;
    at(doc, '/metadata')['colour'] = 'blue';
    delete doc['tests'];
    const found = problems(doc);
    expect(found.map((p) => p.path).sort()).toEqual([
      '/metadata/colour',
      '/metadata/effectiveFrom',
      '/tests',
    ]);
  });

  it.each([
    ['a newer format', { ...minimalVersion(), formatVersion: 2 }],
    ['no format', {}],
    ['a format written as text', { ...minimalVersion(), formatVersion: '1' }],
  ])('refuses %s', (_, document) => {
    expect(problems(document)).toEqual([
      {
        path: '/formatVersion',
        code: 'schema',
        message: 'must be a known format version (1 to 1), such as 1',
      },
    ]);
  });

  it.each([null, [], 'ruleset', 1])('refuses %j, which is not an object', (document) => {
    expect(problems(document)).toEqual([
      { path: '', code: 'schema', message: 'a ruleset version must be a JSON object' },
    ]);
  });
});

describe('schemaProblems', () => {
  it('checks against the format schema by default', () => {
    expect(schemaProblems(minimalVersion())).toEqual([]);
    expect(schemaProblems(minimalVersion(), RulesetVersionSchema)).toEqual([]);
    expect(schemaProblems({ formatVersion: 1 }).length).toBeGreaterThan(5);
  });
});

describe('the committed JSON Schema', () => {
  it('equals jsonSchemaText(), generated from the TypeBox source (run `npm run schema`)', () => {
    expect(readRepoText('rulesets/schema/ruleset-v1.schema.json')).toBe(jsonSchemaText());
  });

  it('is draft 2020-12 JSON with the format title', () => {
    const schema = JSON.parse(jsonSchemaText()) as Record<string, unknown>;
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['title']).toBe('Ruleset version (format v1)');
  });
});

/** Versions: create, edit draft content (PUT), accept test results, validate, submit. */
import fc from 'fast-check';

import { type Built, dtoRoute } from './builders';
import {
  applyMutations,
  describeValue,
  dtoMutation,
  FORMAT_STAGE,
  type Mutation,
  notAnObjectBody,
  SCHEMA_STAGE,
  setField,
  someMutations,
  URL_MATCH_STAGE,
} from './mutations';
import type { RouteContext } from './route-context';
import { longText, notADate, notALabel, oddNumber, rawNumber, unknownName, wellFormedText } from './values';

export function versionRoutes({
  target,
  exclusions,
  allLabels,
  oddLabel,
  string,
  rulesetBase,
}: RouteContext): {
  createVersion: fc.Arbitrary<Built>;
  putVersion: fc.Arbitrary<Built>;
  versionAction: (action: 'validate' | 'submit') => fc.Arbitrary<Built>;
  acceptTests: fc.Arbitrary<Built>;
} {
  const createVersion = dtoRoute(
    'POST /api/v1/rulesets/{key}/versions',
    'post',
    rulesetBase.map((b) => ({ url: `${b.url}/versions`, mutations: b.mutations })),
    {
      version: 'fuzz-new',
      basedOn: target.publishedLabels[target.publishedLabels.length - 1],
      effectiveFrom: '2031-01-01',
    },
    fc.oneof(
      dtoMutation(
        [
          { name: 'version', wrong: fc.oneof(string, notALabel) },
          { name: 'basedOn', wrong: fc.oneof(string, notALabel) },
          { name: 'effectiveFrom', wrong: fc.oneof(string, notADate) },
        ],
        exclusions,
      ),
      // A label that exists (409) or a base that does not (422): nothing written either way.
      fc.constantFrom(...allLabels).map((label) => setField(['version'], label)),
      fc.constant(setField(['basedOn'], 'no-such-version', 'unprocessable')),
    ),
  );

  const draftContent = target.draft.content;
  const REQUIRED_CONTENT = [
    'formatVersion',
    'metadata',
    'jurisdictionGroups',
    'jurisdictions',
    'facts',
    'derived',
    'parameters',
    'outcomes',
    'rules',
    'rounding',
    'totals',
    'benefits',
    'constraints',
    'tests',
  ];
  const contentMutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc
      .constantFrom(...REQUIRED_CONTENT)
      .map((key) =>
        setField([key], undefined, 'unprocessable', key === 'formatVersion' ? FORMAT_STAGE : SCHEMA_STAGE),
      ),
    fc
      .tuple(
        fc.constantFrom(...REQUIRED_CONTENT.filter((k) => k !== 'formatVersion')),
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), oddNumber),
      )
      .map(([key, value]) => setField([key], value, 'unprocessable', SCHEMA_STAGE)),
    fc
      .tuple(
        unknownName([...Object.keys(draftContent), '$schema', 'justifications'], exclusions),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([name, value]) => setField([name], value, 'unprocessable', SCHEMA_STAGE)),
    fc
      .constantFrom<unknown>(0, 99, '1', 1.5, -1, null, rawNumber('1e400'))
      .map((v) => setField(['formatVersion'], v, 'unprocessable', FORMAT_STAGE)),
    fc
      .constantFrom(...target.publishedLabels, 'another')
      .map((v) => setField(['metadata', 'version'], v, 'unprocessable', URL_MATCH_STAGE)),
    fc
      .constantFrom('another-ruleset', 'x')
      .map((v) => setField(['metadata', 'key'], v, 'unprocessable', URL_MATCH_STAGE)),
    fc
      .constantFrom<unknown>(
        'soon',
        '2021/01/01',
        '21-01-01',
        20210101,
        null,
        ...(exclusions.impossibleContentDates ? [] : ['2021-02-30', '2021-13-01']),
      )
      .map((v) => setField(['metadata', 'effectiveFrom'], v, 'unprocessable', SCHEMA_STAGE)),
    fc
      .constantFrom<unknown>([], [draftContent], 'content')
      .map((value) => ({ at: [], value, description: `content = ${describeValue(value)}` })),
  );
  const etag = `"${target.draft.etag}"`;
  const ifMatch = fc.constantFrom<string | undefined>(
    etag,
    `W/${etag}`,
    ` ${etag} `,
    '*',
    ' * ',
    undefined,
    '"sha256:0000"',
    'garbage',
    '""',
    'W/',
    '"',
    '*, *',
    `${etag}, "x"`,
    `"${target.draft.etag.toUpperCase()}"`,
    `"sha256:${'f'.repeat(4000)}"`,
  );
  /** Whether the service takes `header` for the draft's current ETag (or for "*", which it refuses with 428). */
  const current = (header: string | undefined): boolean =>
    header !== undefined &&
    (header.trim() === '*' ||
      header
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1') === target.draft.etag);
  const putVersion: fc.Arbitrary<Built> = fc
    .tuple(
      rulesetBase,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(target.draft.label) },
        { weight: 1, arbitrary: fc.constantFrom(...target.publishedLabels) },
        { weight: 1, arbitrary: oddLabel },
      ),
      ifMatch,
      fc.oneof(
        // Broken content, any If-Match.
        { weight: 5, arbitrary: fc.array(contentMutation, { minLength: 1, maxLength: 3 }) },
        // Untouched content: only a missing or stale If-Match is wrong (chosen below).
        { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
      ),
    )
    .map(([base, label, header, mutations]): Built => {
      // Untouched content with a current If-Match would be a valid edit: make the If-Match stale.
      const effectiveIfMatch = mutations.length === 0 && current(header) ? '"sha256:stale"' : header;
      const { body, applied, shapeHazard } = applyMutations(draftContent, mutations);
      return {
        route: 'PUT /api/v1/rulesets/{key}/versions/{version}',
        method: 'put',
        url: `${base.url}/versions/${label}`,
        body,
        hasBody: true,
        shapeHazard,
        headers: effectiveIfMatch === undefined ? {} : { 'If-Match': effectiveIfMatch },
        mutations: [
          ...base.mutations,
          `version ${label}`,
          `If-Match ${effectiveIfMatch ?? '(none)'}`,
          ...(applied.length === 0 ? ['content unchanged'] : applied.map((m) => m.description)),
        ],
        expected: applied.flatMap((m) => (m.expected ? [m.expected] : [])),
      };
    });

  /**
   * validate, submit: they ignore the body, so the path, caller or encoding must be wrong (see
   * couldSucceed). Publish, withdraw and return read their bodies: lifecycle-routes.ts.
   */
  const versionAction = (action: 'validate' | 'submit'): fc.Arbitrary<Built> =>
    fc
      .tuple(
        rulesetBase,
        fc.oneof(fc.constantFrom(...allLabels), oddLabel),
        fc.option(
          fc.jsonValue({ maxDepth: 3 }).map((v) => ({ ignored: v })),
          { nil: undefined },
        ),
      )
      .map(([base, label, body]): Built => ({
        route: `POST /api/v1/rulesets/{key}/versions/{version}/${action}`,
        method: 'post',
        url: `${base.url}/versions/${label}/${action}`,
        body,
        hasBody: true,
        mutations: [...base.mutations, `version ${label}`],
        expected: [],
      }));

  const testNames = ((draftContent['tests'] ?? []) as { name: string }[]).map((t) => t.name);
  /** Names that are no test of the draft: near misses, "all" as a name, pointer characters, Unicode. */
  const unknownTestName = fc
    .oneof(
      fc.constantFrom('all', 'ALL', 'none', '*', 'a/b', '~1', '/', '0', 'constructor', '__proto__'),
      fc
        .tuple(fc.constantFrom(...testNames), fc.constantFrom(' ', '\u200b', 'x', '/'))
        .map(([name, extra]) => `${name}${extra}`),
      fc.constantFrom(...testNames).map((name) => name.toUpperCase()),
      fc.constantFrom(...testNames).map((name) => name.slice(0, Math.max(1, name.length - 3))),
      wellFormedText(1, 30),
      longText(200, 3000),
    )
    .filter((name) => name.length > 0 && !testNames.includes(name));
  /** Whether `value` is the shape the DTO accepts: "all" or 1 to 1000 non-empty strings. */
  const acceptable = (value: unknown): boolean =>
    value === 'all' ||
    (Array.isArray(value) &&
      value.length > 0 &&
      value.length <= 1000 &&
      value.every((n) => typeof n === 'string' && n.length > 0));
  const acceptMutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 3,
      arbitrary: dtoMutation(
        [
          {
            name: 'tests',
            wrong: fc
              .oneof(
                fc.constantFrom<unknown>(
                  'ALL',
                  'All',
                  ' all',
                  'all ',
                  '',
                  'none',
                  '*',
                  [],
                  [''],
                  [1],
                  [null],
                  [[]],
                  [{}],
                  ['all', 2],
                  { all: true },
                  true,
                  0,
                ),
                fc.constant(Array.from({ length: 1001 }, (_, i) => testNames[i % testNames.length])),
                string,
                fc.constantFrom(...testNames),
              )
              .filter((v) => !acceptable(v)),
          },
        ],
        exclusions,
      ),
    },
    // A list with one name that is no test of the draft, among real ones: 422 naming its index.
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.subarray(testNames, { minLength: 0, maxLength: 3 }), unknownTestName, fc.nat())
        .map(([known, unknown, at]) => {
          const index = at % (known.length + 1);
          const names = [...known.slice(0, index), unknown, ...known.slice(index)];
          return {
            at: ['tests'],
            value: names,
            description: `/tests = ${describeValue(names)} (${describeValue(unknown)} is no test)`,
            expected: { path: `/tests/${index}`, type: 'unprocessable' as const },
          };
        }),
    },
  );
  /**
   * Accepting test results: like a PUT (editor, If-Match, a draft), with a body that names tests.
   * A well-formed body ("all", or names of the draft's tests) goes only with a missing or stale
   * If-Match, so that nothing can be accepted.
   */
  const acceptTests: fc.Arbitrary<Built> = fc
    .tuple(
      rulesetBase,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(target.draft.label) },
        { weight: 1, arbitrary: fc.constantFrom(...target.publishedLabels) },
        { weight: 1, arbitrary: oddLabel },
      ),
      ifMatch,
      fc.oneof(fc.constant<unknown>('all'), fc.subarray(testNames, { minLength: 1, maxLength: 3 })),
      fc.oneof(
        {
          weight: 5,
          arbitrary: someMutations(
            fc.oneof({ weight: 12, arbitrary: acceptMutation }, { weight: 1, arbitrary: notAnObjectBody }),
          ),
        },
        { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
      ),
    )
    .map(([base, label, header, tests, mutations]): Built => {
      const effectiveIfMatch = mutations.length === 0 && current(header) ? '"sha256:stale"' : header;
      const { body, applied, shapeHazard } = applyMutations({ tests }, mutations);
      return {
        route: 'POST /api/v1/rulesets/{key}/versions/{version}/tests/accept',
        method: 'post',
        url: `${base.url}/versions/${label}/tests/accept`,
        body,
        hasBody: true,
        shapeHazard,
        headers: effectiveIfMatch === undefined ? {} : { 'If-Match': effectiveIfMatch },
        mutations: [
          ...base.mutations,
          `version ${label}`,
          `If-Match ${effectiveIfMatch ?? '(none)'}`,
          ...(applied.length === 0
            ? [`body ${describeValue(body)} (well-formed)`]
            : applied.map((m) => m.description)),
        ],
        expected: applied.flatMap((m) => (m.expected ? [m.expected] : [])),
        wellFormedBody: applied.length === 0,
      };
    });

  return { createVersion, putVersion, versionAction, acceptTests };
}

/** Versions: create, edit draft content (PUT with If-Match), validate, submit, publish and withdraw. */
import fc from 'fast-check';

import { type Built, dtoRoute } from './builders';
import {
  applyMutations,
  describeValue,
  dtoMutation,
  FORMAT_STAGE,
  type Mutation,
  SCHEMA_STAGE,
  setField,
  URL_MATCH_STAGE,
} from './mutations';
import type { RouteContext } from './route-context';
import { notADate, notALabel, oddNumber, rawNumber, unknownName, wrongLength } from './values';

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
  versionAction: (action: 'validate' | 'submit' | 'publish') => fc.Arbitrary<Built>;
  withdraw: fc.Arbitrary<Built>;
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
    '*',
    undefined,
    '"sha256:0000"',
    'garbage',
    '""',
    `${etag}, "x"`,
  );
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
      const matches = header === etag || header === `W/${etag}` || header === '*';
      const effectiveIfMatch = mutations.length === 0 && matches ? '"sha256:stale"' : header;
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
   * validate, submit, publish: validate and submit ignore the body, publish reads only
   * `acknowledgeRetroactive`, so the path, caller, encoding or an unknown field must be wrong.
   */
  const versionAction = (action: 'validate' | 'submit' | 'publish'): fc.Arbitrary<Built> =>
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

  const withdraw = dtoRoute(
    'POST /api/v1/rulesets/{key}/versions/{version}/withdraw',
    'post',
    fc.tuple(rulesetBase, fc.oneof(fc.constantFrom(...allLabels), oddLabel)).map(([b, label]) => ({
      url: `${b.url}/versions/${label}/withdraw`,
      mutations: [...b.mutations, `version ${label}`],
    })),
    { reason: 'the figures were wrong; fuzzing' },
    dtoMutation(
      [
        {
          name: 'reason',
          wrong: fc.oneof(
            string,
            wrongLength(2, 2000),
            // Fewer than two visible characters, however many bytes or UTF-16 units they take.
            fc.constantFrom('中', '😀', ' 中 ', 'é', '\u200b\u200b', '\t\n', '中\u200b'),
          ),
        },
      ],
      exclusions,
    ),
  );

  return { createVersion, putVersion, versionAction, withdraw };
}

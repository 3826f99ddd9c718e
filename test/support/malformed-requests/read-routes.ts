/** Reads: parameters and audit (malformed queries) and versions under keys or labels that name nothing. */
import fc from 'fast-check';

import { type Built, queryDrop, queryRepeat, queryReplace, queryRoute } from './builders';
import type { RouteContext } from './route-context';
import { longText, notADate, notALabel, unknownName, wellFormedText } from './values';

export function readRoutes({ target, exclusions, oddKey, oddLabel, rulesetBase }: RouteContext): {
  parameters: fc.Arbitrary<Built>;
  audit: fc.Arbitrary<Built>;
  readVersion: fc.Arbitrary<Built>;
} {
  // Query values stay short enough that the request line fits Node's 16 KB header limit (else 431
  // from the HTTP server, before the service sees the request).
  const textValue = fc.oneof(wellFormedText(0, 12), longText(50, 600));
  const parameters = queryRoute(
    'GET /api/v1/rulesets/{key}/parameters',
    rulesetBase.map((b) => ({ url: `${b.url}/parameters`, mutations: b.mutations })),
    [
      ['asOf', target.asOf],
      ['jurisdiction', '420325'],
    ],
    fc.oneof(
      fc
        .oneof(
          notADate.filter((v): v is string => typeof v === 'string' && v.length <= 600),
          textValue,
        )
        .filter((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v))
        .map((v) => queryReplace('asOf', v)),
      fc
        .oneof(fc.constantFrom('', '42032', '4203250', 'sy0001', '420325 ', '４２０３２５'), textValue)
        .filter((v) => !/^[0-9A-Z]{6}$/.test(v))
        .map((v) => queryReplace('jurisdiction', v)),
      fc.constant(queryReplace('jurisdiction', 'ZZZZZZ', 'invalid-input')),
      fc.constant(queryReplace('asOf', target.beforeFirstVersion, null)),
      fc.constantFrom('asOf', 'jurisdiction').map(queryDrop),
      fc
        .constantFrom('asOf', 'jurisdiction')
        .map((name) =>
          queryRepeat(name, name === 'asOf' ? [target.asOf, target.asOf] : ['420325', '420303']),
        ),
      notALabel
        .filter((v): v is string => typeof v === 'string' && v.length <= 600)
        .map((v) => queryReplace('version', v)),
      fc
        .tuple(unknownName(['asOf', 'jurisdiction', 'version'], exclusions), wellFormedText(0, 10))
        .map(([name, v]) => queryReplace(name, v)),
    ),
  );

  const audit = queryRoute(
    'GET /api/v1/audit',
    fc.constant({ url: '/api/v1/audit', mutations: [] }),
    [],
    fc.oneof(
      fc
        .constantFrom(
          '0',
          '1001',
          '-1',
          '1.5',
          'abc',
          '1e400',
          'NaN',
          'Infinity',
          '-Infinity',
          '',
          ' ',
          '99999999999999999999',
          '1,5',
          '²',
          '五',
        )
        .map((v) => queryReplace('limit', v)),
      fc.oneof(fc.constant(''), longText(101, 600)).map((v) => queryReplace('ruleset', v)),
      fc.oneof(fc.constant(''), longText(41, 600)).map((v) => queryReplace('version', v)),
      fc
        .constantFrom('ruleset', 'version', 'limit')
        .map((name) => queryRepeat(name, name === 'limit' ? ['1', '2'] : ['a', 'b'])),
      fc
        .tuple(unknownName(['ruleset', 'version', 'limit'], exclusions), wellFormedText(0, 10))
        .map(([name, v]) => queryReplace(name, v)),
    ),
  );

  /** Reads under a key or label that names nothing: 404. */
  const readVersion: fc.Arbitrary<Built> = fc
    .oneof(
      oddKey.map((key) => ({ url: `/api/v1/rulesets/${key}/versions`, mutations: [`key ${key}`] })),
      fc.tuple(rulesetBase, oddLabel).map(([b, label]) => ({
        url: `${b.url}/versions/${label}`,
        mutations: [...b.mutations, `version ${label}`],
      })),
    )
    .map((u): Built => ({
      route: 'GET /api/v1/rulesets/{key}/versions[/{version}]',
      method: 'get',
      url: u.url,
      hasBody: false,
      mutations: u.mutations,
      expected: [],
    }));

  return { parameters, audit, readVersion };
}

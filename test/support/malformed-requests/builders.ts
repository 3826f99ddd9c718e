/**
 * Request builders: a route's building block ({@link Built}) from body or query mutations, and
 * {@link finish}, which adds caller, encoding and extra headers.
 */
import fc from 'fast-check';

import { callerArbitrary, extraHeaders } from './callers';
import { encodingFor } from './encodings';
import { applyMutations, describeValue, type Mutation, notAnObjectBody, someMutations } from './mutations';
import type {
  Caller,
  Encoding,
  ExpectedPath,
  FieldProblemType,
  KnownBugExclusions,
  MalformedRequest,
} from './types';
import { serialiseBody } from './values';

export interface Built {
  route: string;
  method: MalformedRequest['method'];
  url: string;
  body?: unknown;
  mutations: string[];
  expected: ExpectedPath[];
  /** Whether a body can be sent at all (GET routes send none). */
  hasBody: boolean;
  headers?: Record<string, string>;
  shapeHazard?: boolean;
  /** Only these callers (default: any, mostly the admin). */
  callers?: Caller[];
  /** See MalformedRequest.wellFormedBody (default false). */
  wellFormedBody?: boolean;
}

/** Turns a route's building block into full requests: caller, encoding and extra headers added. */
export function finish(
  built: fc.Arbitrary<Built>,
  exclusions: KnownBugExclusions,
): fc.Arbitrary<MalformedRequest> {
  return built
    .chain((b) =>
      fc
        .tuple(
          b.callers ? fc.constantFrom(...b.callers) : callerArbitrary,
          b.hasBody ? encodingFor(b.body, exclusions) : fc.constant<Encoding>({ kind: 'none' }),
          extraHeaders,
        )
        .map(([caller, encoding, headers]): MalformedRequest => ({
          route: b.route,
          method: b.method,
          url: b.url,
          caller,
          ...(b.body === undefined ? {} : { body: b.body }),
          encoding,
          headers: { ...headers, ...b.headers },
          mutations: b.mutations,
          expected: encoding.kind === 'json' ? b.expected : [],
          shapeHazard: (encoding.kind === 'json' && b.shapeHazard === true) || /%00/i.test(b.url),
          wellFormedBody: b.wellFormedBody === true,
        })),
    )
    .filter((request) => !(exclusions.nulCharacters && carriesNul(request)));
}

/** Whether a request carries a NUL character where it could reach a SQL query (URL or JSON body). */
function carriesNul(request: MalformedRequest): boolean {
  return (
    /%00/i.test(request.url) ||
    (request.encoding.kind === 'json' && serialiseBody(request.body).includes('\\u0000'))
  );
}

export function dtoRoute(
  route: string,
  method: 'post' | 'put',
  url: fc.Arbitrary<{ url: string; mutations: string[] }>,
  base: unknown,
  mutation: fc.Arbitrary<Mutation>,
): fc.Arbitrary<Built> {
  return fc
    .tuple(
      url,
      someMutations(fc.oneof({ weight: 12, arbitrary: mutation }, { weight: 1, arbitrary: notAnObjectBody })),
    )
    .map(([u, mutations]): Built => {
      const { body, applied, shapeHazard } = applyMutations(base, mutations);
      return {
        route,
        method,
        url: u.url,
        body,
        hasBody: true,
        shapeHazard,
        mutations: [...u.mutations, ...applied.map((m) => m.description)],
        expected: applied.flatMap((m) => (m.expected ? [m.expected] : [])),
      };
    });
}

/** The query string of `entries`, each name and value percent-encoded. */
const queryString = (entries: [string, string][]): string =>
  entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

/** A query-string mutation: replace, repeat, drop or add a parameter. */
export interface QueryMutation {
  apply: (entries: [string, string][]) => [string, string][];
  expected?: ExpectedPath;
  description: string;
}

export const queryReplace = (
  name: string,
  value: string,
  type: FieldProblemType | null = 'invalid-request',
): QueryMutation => ({
  apply: (entries) => [...entries.filter(([k]) => k !== name), [name, value]],
  ...(type ? { expected: { path: `/${name}`, type } } : {}),
  description: `?${name}=${describeValue(value)}`,
});

export const queryRepeat = (name: string, values: string[]): QueryMutation => ({
  apply: (entries) => [
    ...entries.filter(([k]) => k !== name),
    ...values.map((v): [string, string] => [name, v]),
  ],
  expected: { path: `/${name}`, type: 'invalid-request' },
  description: `?${name} repeated ${values.length} times`,
});

export const queryDrop = (name: string): QueryMutation => ({
  apply: (entries) => entries.filter(([k]) => k !== name),
  expected: { path: `/${name}`, type: 'invalid-request' },
  description: `no ?${name}`,
});

export function queryRoute(
  route: string,
  path: fc.Arbitrary<{ url: string; mutations: string[] }>,
  base: [string, string][],
  mutation: fc.Arbitrary<QueryMutation>,
): fc.Arbitrary<Built> {
  return fc.tuple(path, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([p, mutations]): Built => {
    // One mutation per parameter name: a later one on the same name would undo an earlier one.
    const seen = new Set<string>();
    const applied = mutations.filter((m) => {
      const name = m.expected?.path ?? m.description;
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    });
    const entries = applied.reduce((acc, m) => m.apply(acc), base);
    const query = queryString(entries);
    return {
      route,
      method: 'get',
      url: query ? `${p.url}?${query}` : p.url,
      hasBody: false,
      mutations: [...p.mutations, ...applied.map((m) => m.description)],
      expected: applied.flatMap((m) => (m.expected ? [m.expected] : [])),
    };
  });
}

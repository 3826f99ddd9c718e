/**
 * fast-check arbitraries for malformed requests to the rules API (API.md): every route, with bodies,
 * queries, headers and path parameters that are wrong in many ways at once. Each generated request
 * is wrong *by construction* (at least one field it sends is invalid, or its encoding, path or
 * credentials are), so no request may succeed and none may change stored data; the fuzz suite
 * checks both.
 *
 * A request also records the JSON Pointers its invalid fields must be named by (`expected`), with
 * the problem type that names them: `invalid-request` (the request DTO, 400), `invalid-input`
 * (the household, 422, pointers relative to the household) or `unprocessable` (version content, 422).
 */
import fc from 'fast-check';

/** The problem types whose `errors` name fields. */
export type FieldProblemType = 'invalid-request' | 'invalid-input' | 'unprocessable';

/** One field a request gets wrong: the pointer the problem must name, and in which problem type. */
export interface ExpectedPath {
  path: string;
  type: FieldProblemType;
  /**
   * Checks that run one after another, each only when the earlier ones pass (version content: the
   * format version, then the schema, then the URL's key and label). A problem must name every bad
   * field of the first stage that has any; later stages are not yet looked at. Default 0.
   */
  stage?: number;
}

/** Who a request claims to be. */
export type Caller = 'admin' | 'caseworker' | 'none' | { authorization: string };

/** How the body travels. */
export type Encoding =
  | { kind: 'json'; contentType: string }
  | { kind: 'none' }
  | { kind: 'invalid-json'; text: string }
  | { kind: 'wrong-content-type'; contentType: string }
  | { kind: 'unsupported-charset'; contentType: string }
  | { kind: 'unsupported-encoding'; contentEncoding: string }
  | { kind: 'oversize'; bytes: number };

/** One generated request. */
export interface MalformedRequest {
  /** The route, as in API.md (`POST /api/v1/auth/login`). */
  route: string;
  method: 'get' | 'post' | 'put';
  /** The path, percent-encoded, with the query string when there is one. */
  url: string;
  caller: Caller;
  /** The body as a JSON value (serialised by {@link serialiseBody}); ignored unless the encoding is `json`. */
  body?: unknown;
  encoding: Encoding;
  headers: Record<string, string>;
  /** What was broken, in words, for failure reports. */
  mutations: string[];
  expected: ExpectedPath[];
  /**
   * Whether the request carries a NUL character or a value nested deeper than SHAPE_DEPTH. A
   * service may refuse such a request on its shape alone, before it validates fields, and then
   * names only the offending places: the fuzz suite does not demand every bad field of it.
   */
  shapeHazard: boolean;
}

/** Nesting up to this depth (from the body's root) is ordinary; deeper is a shape hazard. */
export const SHAPE_DEPTH = 8;

/** What the generators must know about the service under test. */
export interface FuzzTarget {
  ruleset: string;
  /** Labels of the published versions. */
  publishedLabels: string[];
  /** A draft the fuzzing may try (and must fail) to change. */
  draft: { label: string; etag: string; content: Record<string, unknown> };
  /** A valid household for evaluation on `asOf`. */
  household: Record<string, unknown>;
  asOf: string;
  /** A date before the first published version. */
  beforeFirstVersion: string;
  /** Household facts and member facts the version declares (so that "unknown fact" names avoid them). */
  householdFacts: string[];
  memberFacts: string[];
}

/**
 * Inputs that a known, still open service bug mishandles (see FIXED in fuzz.e2e-spec.ts, whose
 * tests pin each bug). The generators leave them out so that the thousand-request property checks
 * everything else; once a bug is fixed its input goes back in.
 */
export interface KnownBugExclusions {
  /** Leave out NUL characters (PostgreSQL text cannot hold them; the service answered 500). */
  nulCharacters: boolean;
  /** Nest values at most this deep (deeper bodies overflowed the stack in validation: 500). */
  maxNestingDepth: number;
  /** Field names such as "constructor" or "__proto__" slip past the unknown-field check. */
  prototypeFieldNames: boolean;
  /** Field names with "/" or "~" are not escaped in request-validation pointers. */
  unescapedPointerNames: boolean;
  /** An undecodable percent-encoding in a path answers 400 without `errors`. */
  undecodablePathEncoding: boolean;
  /** A gzip/deflate/br Content-Encoding over a plain body answers 400 without `errors`. */
  undecodableContentEncoding: boolean;
  /** An impossible calendar date (2021-02-30) in version content reaches the database (500). */
  impossibleContentDates: boolean;
}

// ---------------------------------------------------------------------------------------------
// Values

const RAW_MARK = '\u0001raw:';

/** A JSON number token JSON.stringify cannot write (`1e400`); {@link serialiseBody} unwraps it. */
const rawNumber = (token: string): string => `${RAW_MARK}${token}\u0001`;

/** JSON text of `body`, with raw number tokens written as such. */
export function serialiseBody(body: unknown): string {
  return (JSON.stringify(body) ?? 'null').replace(/"\\u0001raw:([-+.0-9eE]+)\\u0001"/g, '$1');
}

const OBJECT_PROTOTYPE_NAMES = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  '__proto__',
]);

/** Strings of any code points, lone surrogates and control characters (NUL too) included. */
const unicodeText = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'binary', minLength, maxLength });

/** Well-formed Unicode text (whole graphemes): safe for encodeURIComponent. */
const wellFormedText = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'grapheme', minLength, maxLength });

/** Strings of `min`..`max` code points from a mix of ASCII, CJK and astral characters. */
const longText = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min, max }), fc.constantFrom('x', '中', '😀', 'é'))
    .map(([n, unit]) => unit.repeat(n));

/** Values nested `depth` levels deep: `[[[…]]]` or `{"a":{"a":…}}`. */
const nested = (maxDepth: number): fc.Arbitrary<unknown> =>
  fc.tuple(fc.integer({ min: 2, max: maxDepth }), fc.boolean()).map(([depth, asArray]) => {
    let value: unknown = asArray ? [] : { leaf: true };
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
    return value;
  });

/** Numbers a JSON parser turns into ±Infinity or that lose precision. */
const oddNumber = fc.constantFrom(
  rawNumber('1e400'),
  rawNumber('-1e400'),
  rawNumber('123456789012345678901234567890'),
  rawNumber('-0'),
);

/** Names for unknown fields: ASCII identifiers or Unicode, never a known one. */
function unknownName(known: readonly string[], exclusions: KnownBugExclusions): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,15}$/),
      wellFormedText(1, 8),
      fc.constantFrom('id ', ' ', 'ÄÖÜ', '键', 'a.b', 'a-b', '$ref', '0', 'asOf[x]', 'NaN'),
      fc.constantFrom('a/b', 'a~b', '~1', '/'),
      fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype'),
    )
    .filter(
      (name) =>
        name.length > 0 &&
        !known.includes(name) &&
        !(exclusions.prototypeFieldNames && OBJECT_PROTOTYPE_NAMES.has(name)) &&
        !(exclusions.unescapedPointerNames && /[/~]/.test(name)),
    );
}

/** JSON Pointer of `tokens` (RFC 6901). */
const pointer = (tokens: readonly (string | number)[]): string =>
  tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Values that are not strings, for string fields. */
function notString(exclusions: KnownBugExclusions): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant([]),
    fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
    fc.constant({}),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string(), { minKeys: 1, maxKeys: 3 }),
    nested(exclusions.maxNestingDepth),
    oddNumber,
  );
}

/** Strings that are not YYYY-MM-DD calendar dates. */
const notADate = fc.oneof(
  fc.constantFrom(
    '2019-02-29',
    '2019-13-01',
    '2019-00-10',
    '2019-06-31',
    '2019-6-30',
    '19-06-30',
    '2019/06/30',
    '20190630',
    '2019-06-30T00:00:00Z',
    ' 2019-06-30',
    '2019-06-30 ',
    '',
    'NaN',
    '-1',
    'Infinity',
    'today',
    '２０１９-06-30',
    '2019-06-30\n',
  ),
  unicodeText(1, 12).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  longText(100, 20_000),
);

/** Strings that are not version labels (`^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$`). */
const notALabel = fc.oneof(
  fc.constantFrom('', '.2019', '-2019', '2019 ', 'a b', '2019/1', '../2019', '2019_1', '版本', 'v😀', '%41'),
  fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z.-]{40,60}$/),
  unicodeText(1, 10).filter((s) => !/^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/.test(s)),
  longText(100, 20_000),
);

/** Strings that are not valid for a field limited to `min`..`max` characters. */
const wrongLength = (min: number, max: number): fc.Arbitrary<string> =>
  fc.oneof(
    min > 0 ? fc.string({ maxLength: min - 1 }) : fc.constant('x'.repeat(max + 1)),
    longText(max + 1, max + 5000),
  );

// ---------------------------------------------------------------------------------------------
// Mutations: changes to a JSON body at a place, each making the body invalid.

/** One change to a body. */
interface Mutation {
  /** Where it changes the body. */
  at: (string | number)[];
  /** `undefined` deletes the field. */
  value: unknown;
  /** What the problem must name, if anything. */
  expected?: ExpectedPath;
  description: string;
}

const describeValue = (value: unknown): string => {
  const text = serialiseBody(value);
  return text.length > 60 ? `${text.slice(0, 57)}… (${text.length} chars)` : text;
};

const setField = (
  at: (string | number)[],
  value: unknown,
  expected?: ExpectedPath['type'],
  stage?: number,
): Mutation => ({
  at,
  value,
  description: value === undefined ? `delete ${pointer(at)}` : `${pointer(at)} = ${describeValue(value)}`,
  ...(expected
    ? { expected: { path: pointer(at), type: expected, ...(stage === undefined ? {} : { stage }) } }
    : {}),
});

/** Stages of version-content checks (see ExpectedPath.stage). */
const FORMAT_STAGE = 0;
const SCHEMA_STAGE = 1;
const URL_MATCH_STAGE = 2;

/** `at` relative to the household, reported relative to the household too. */
const householdField = (at: (string | number)[], value: unknown): Mutation => ({
  at: ['household', ...at],
  value,
  description: `household${pointer(at)} ${value === undefined ? 'deleted' : `= ${describeValue(value)}`}`,
  expected: { path: pointer(at), type: 'invalid-input' },
});

/** Whether two places overlap (one is the other or inside it). */
const overlaps = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
};

/** How deeply `value` nests (0 for a scalar), without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (v !== null && typeof v === 'object')
      for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Whether a mutation carries a NUL character or nests deeper than SHAPE_DEPTH. */
const isShapeHazard = (m: Mutation): boolean =>
  m.at.some((t) => String(t).includes('\u0000')) ||
  (m.value !== undefined &&
    (serialiseBody(m.value).includes('\\u0000') || depthOf(m.value) + m.at.length > SHAPE_DEPTH));

/** Applies the mutations that do not overlap an earlier one to a copy of `base`. */
function applyMutations(
  base: unknown,
  mutations: Mutation[],
): { body: unknown; applied: Mutation[]; shapeHazard: boolean } {
  const applied: Mutation[] = [];
  for (const m of mutations) if (!applied.some((a) => overlaps(a.at, m.at))) applied.push(m);
  let body: unknown = structuredClone(base);
  for (const m of applied) {
    if (m.at.length === 0) {
      body = m.value;
      continue;
    }
    let parent = body as Record<string, unknown>;
    for (const token of m.at.slice(0, -1)) parent = parent[String(token)] as Record<string, unknown>;
    const last = String(m.at[m.at.length - 1]);
    if (m.value === undefined) delete parent[last];
    // defineProperty makes "__proto__" an own field that JSON.stringify sends, not a prototype change.
    else
      Object.defineProperty(parent, last, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return { body, applied, shapeHazard: applied.some(isShapeHazard) };
}

/** A field of a request DTO and the values that are wrong for it. */
interface FieldSpec {
  name: string;
  /** Optional fields accept null and absence. */
  optional?: boolean;
  wrong: fc.Arbitrary<unknown>;
}

/** Mutations of a request DTO's fields: wrong values, missing required fields, unknown fields. */
function dtoMutation(fields: FieldSpec[], exclusions: KnownBugExclusions): fc.Arbitrary<Mutation> {
  const known = fields.map((f) => f.name);
  return fc.oneof(
    ...fields.map((f) => f.wrong.map((value) => setField([f.name], value, 'invalid-request'))),
    ...fields
      .filter((f) => !f.optional)
      .map((f) =>
        fc.constantFrom(undefined, null).map((value) => setField([f.name], value, 'invalid-request')),
      ),
    fc
      .tuple(unknownName(known, exclusions), fc.jsonValue({ maxDepth: 2 }))
      .map(([name, value]) => setField([name], value, 'invalid-request')),
  );
}

/** Replaces the whole body by something that is not an object. */
const notAnObjectBody: fc.Arbitrary<Mutation> = fc
  .constantFrom<unknown>([], [1, 2], ['a'], [{}], 'body', 42, true, null)
  .map((value) => ({ at: [], value, description: `body = ${describeValue(value)}` }));

/** One to three mutations of a DTO (never none: the body is always wrong). */
const someMutations = (mutation: fc.Arbitrary<Mutation>): fc.Arbitrary<Mutation[]> =>
  fc.array(mutation, { minLength: 1, maxLength: 3 });

// ---------------------------------------------------------------------------------------------
// Encodings, callers, headers, paths

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'application/problem+json',
  'application/vnd.fuzz+json',
];

const INVALID_JSON = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '[',
    '{"a":}',
    "{'a':1}",
    '{"a":1,}',
    '[1,2',
    'NaN',
    'undefined',
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":-Infinity}',
    '{"a":01}',
    '{"a":"\\x41"}',
    '{"a":"unterminated}',
    '{"a":1}{"b":2}',
    '{"a":1} trailing',
    '// comment\n{}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":0x10}',
    '{a:1}',
    'true',
    'null',
    '"a string"',
    '42',
    '\u0000',
    '{"\ud800":1',
  ),
  unicodeText(1, 40).filter((text) => {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed !== 'object' || parsed === null; // strict parsing refuses non-objects
    } catch {
      return text.trim().length > 0;
    }
  }),
);

/** Truncates a valid body somewhere, which is never valid JSON (except at its full length). */
const truncated = (text: string): fc.Arbitrary<string> =>
  fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n));

function encodingFor(body: unknown, exclusions: KnownBugExclusions): fc.Arbitrary<Encoding> {
  const text = serialiseBody(body);
  return fc.oneof(
    {
      weight: 70,
      arbitrary: fc
        .constantFrom(...JSON_TYPES)
        .map((contentType) => ({ kind: 'json' as const, contentType })),
    },
    { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
    {
      weight: 8,
      arbitrary: fc
        .oneof(INVALID_JSON, truncated(text))
        .filter((t) => {
          try {
            JSON.parse(t);
            return false;
          } catch {
            return t.trim().length > 0;
          }
        })
        .map((t) => ({ kind: 'invalid-json' as const, text: t })),
    },
    {
      weight: 7,
      arbitrary: fc
        .constantFrom(
          'text/plain',
          'text/html',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=fuzz',
          'application/xml',
          'application/octet-stream',
          'application/jsonx',
          'json',
        )
        .map((contentType) => ({ kind: 'wrong-content-type' as const, contentType })),
    },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom('latin1', 'iso-8859-1', 'koi8-r', 'shift_jis', 'bogus', 'ebcdic')
        .map((charset) => ({
          kind: 'unsupported-charset' as const,
          contentType: `application/json; charset=${charset}`,
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          'compress',
          'x-fuzz',
          'identity, bogus',
          ...(exclusions.undecodableContentEncoding ? [] : ['gzip', 'deflate', 'br']),
        )
        .map((contentEncoding) => ({ kind: 'unsupported-encoding' as const, contentEncoding })),
    },
    {
      weight: 3,
      arbitrary: fc
        .integer({ min: 1_100_000, max: 1_500_000 })
        .map((bytes) => ({ kind: 'oversize' as const, bytes })),
    },
  );
}

const printableAscii = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  });

const latin1 = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  });

/** Mostly the admin (so validation is what answers), sometimes nobody or a bad token. */
const callerArbitrary: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 78, arbitrary: fc.constant<Caller>('admin') },
  { weight: 6, arbitrary: fc.constant<Caller>('caseworker') },
  { weight: 7, arbitrary: fc.constant<Caller>('none') },
  {
    weight: 9,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Basic YWRtaW46cGFzc3dvcmQ=',
          'Token abc',
          'Bearer at.',
          'Bearer at.e30.e30',
          'Bearer null',
          'Bearer a b',
          'bearer',
          'Bearer rk_',
        ),
        printableAscii(1, 300).map((s) => `Bearer ${s}`),
        latin1(1, 40).map((s) => `Bearer ${s}`),
        printableAscii(1, 60),
      )
      .map((authorization): Caller => ({ authorization })),
  },
);

/** Headers a client might add; none of them may matter. */
const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 7, arbitrary: fc.constant({}) },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom<[string, string]>(
            ['Accept', 'text/html'],
            ['Accept', 'application/xml'],
            ['Accept', '*/*;q=0'],
            ['Accept-Language', 'zh-CN,zh;q=0.9'],
            ['Accept-Charset', 'ebcdic'],
            ['X-HTTP-Method-Override', 'DELETE'],
            ['X-Forwarded-For', '::1, 10.0.0.1, bogus'],
            ['If-None-Match', '*'],
            ['Range', 'bytes=0-1'],
            ['Origin', 'https://evil.example'],
            ['Cookie', 'session=1; admin=true'],
          ),
          fc.tuple(fc.stringMatching(/^x-[a-z][a-z0-9-]{0,20}$/), printableAscii(0, 100)),
          fc.tuple(fc.stringMatching(/^x-[a-z][a-z0-9-]{0,20}$/), latin1(1, 20)),
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map((pairs) => Object.fromEntries(pairs)),
  },
);

/** Path parameters that name nothing, percent-encoded for the URL. */
function oddPathParam(existing: readonly string[], exclusions: KnownBugExclusions): fc.Arbitrary<string> {
  const decodes = (encoded: string): string | null => {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return null;
    }
  };
  return fc
    .oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2F',
        'a%2Fb',
        '%20',
        '%E4%B8%AD',
        'null',
        'undefined',
        '0',
        '-1',
        '1e400',
        'NaN',
        '%25',
        '~',
        '%22',
        "'",
        ';',
        'a;b=c',
        '2019%20',
        '2019.',
        '%F0%9F%98%80',
        '%3Cscript%3E',
        "'%20OR%201=1--",
        '%00',
        'a%00b',
        ...(exclusions.undecodablePathEncoding ? [] : ['%E0%A4%A', '%', '%zz', '%C0%AF']),
      ),
      wellFormedText(1, 20).map((s) => encodeURIComponent(s)),
      fc.integer({ min: 41, max: 1500 }).map((n) => 'v'.repeat(n)),
    )
    .filter((encoded) => {
      const decoded = decodes(encoded);
      return decoded === null || !existing.includes(decoded);
    });
}

// ---------------------------------------------------------------------------------------------
// Routes

const ROLES = ['admin', 'editor', 'approver', 'analyst', 'caseworker'];

const wrongRoles = (exclusions: KnownBugExclusions): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(
      [],
      ['root'],
      ['editor', 'editor'],
      [1],
      [null],
      [[]],
      [{}],
      ['Editor'],
      ['editor '],
    ),
    notString(exclusions).filter((v) => !Array.isArray(v) || v.length === 0 || typeof v[0] !== 'string'),
    fc
      .array(wellFormedText(1, 10), { minLength: 1, maxLength: 3 })
      .filter((roles) => roles.some((r) => !ROLES.includes(r))),
    fc.constant('editor'),
  );

interface Built {
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
}

/** Turns a route's building block into full requests: caller, encoding and extra headers added. */
function finish(built: fc.Arbitrary<Built>, exclusions: KnownBugExclusions): fc.Arbitrary<MalformedRequest> {
  return built
    .chain((b) =>
      fc
        .tuple(
          callerArbitrary,
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

function dtoRoute(
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
interface QueryMutation {
  apply: (entries: [string, string][]) => [string, string][];
  expected?: ExpectedPath;
  description: string;
}

const queryReplace = (
  name: string,
  value: string,
  type: FieldProblemType | null = 'invalid-request',
): QueryMutation => ({
  apply: (entries) => [...entries.filter(([k]) => k !== name), [name, value]],
  ...(type ? { expected: { path: `/${name}`, type } } : {}),
  description: `?${name}=${describeValue(value)}`,
});

const queryRepeat = (name: string, values: string[]): QueryMutation => ({
  apply: (entries) => [
    ...entries.filter(([k]) => k !== name),
    ...values.map((v): [string, string] => [name, v]),
  ],
  expected: { path: `/${name}`, type: 'invalid-request' },
  description: `?${name} repeated ${values.length} times`,
});

const queryDrop = (name: string): QueryMutation => ({
  apply: (entries) => entries.filter(([k]) => k !== name),
  expected: { path: `/${name}`, type: 'invalid-request' },
  description: `no ?${name}`,
});

function queryRoute(
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

/**
 * Every route's malformed requests, about equally often.
 * @example fc.sample(malformedRequests(target, exclusions), { seed: 1, numRuns: 1000 })
 */
export function malformedRequests(
  target: FuzzTarget,
  exclusions: KnownBugExclusions,
): fc.Arbitrary<MalformedRequest> {
  const rulesetPath = `/api/v1/rulesets/${target.ruleset}`;
  const allLabels = [...target.publishedLabels, target.draft.label];
  const oddKey = oddPathParam([target.ruleset], exclusions);
  const oddLabel = oddPathParam(allLabels, exclusions);
  const string = notString(exclusions);

  /** The ruleset path, or (sometimes) one under a key that names no ruleset. */
  const rulesetBase = fc.oneof(
    { weight: 6, arbitrary: fc.constant({ url: rulesetPath, mutations: [] as string[] }) },
    {
      weight: 1,
      arbitrary: oddKey.map((key) => ({ url: `/api/v1/rulesets/${key}`, mutations: [`key ${key}`] })),
    },
  );

  // -- login, users, api-keys -------------------------------------------------------------------
  const login = dtoRoute(
    'POST /api/v1/auth/login',
    'post',
    fc.constant({ url: '/api/v1/auth/login', mutations: [] }),
    { username: 'admin', password: 'not-the-admin-password' },
    fc.oneof(
      dtoMutation(
        [
          { name: 'username', wrong: fc.oneof(string, wrongLength(1, 100)) },
          { name: 'password', wrong: fc.oneof(string, wrongLength(1, 200)) },
        ],
        exclusions,
      ),
      // Well-formed but wrong credentials: 401.
      fc
        .tuple(fc.constantFrom('admin', 'nobody', 'Admin', 'admin '), unicodeText(1, 50))
        .map(([username, password]) => ({
          at: [],
          value: { username, password },
          description: `credentials ${username}/${password}`,
        })),
    ),
  );

  const users = dtoRoute(
    'POST /api/v1/users',
    'post',
    fc.constant({ url: '/api/v1/users', mutations: [] }),
    { username: 'fuzz.user', password: 'a-long-enough-password', roles: ['editor'] },
    fc.oneof(
      dtoMutation(
        [
          {
            name: 'username',
            wrong: fc.oneof(
              string,
              fc.constantFrom('ab', '', 'a b c', 'wang fang', 'user/1', 'ü-user', '用户名'),
              longText(101, 5000),
              unicodeText(3, 20).filter((s) => !/^[A-Za-z0-9._-]{3,100}$/.test(s)),
            ),
          },
          { name: 'password', wrong: fc.oneof(string, wrongLength(12, 200)) },
          { name: 'roles', wrong: wrongRoles(exclusions) },
        ],
        exclusions,
      ),
      // A taken username: 409, and still nothing written.
      fc.constant(setField(['username'], 'admin')),
    ),
  );

  const apiKeys = dtoRoute(
    'POST /api/v1/api-keys',
    'post',
    fc.constant({ url: '/api/v1/api-keys', mutations: [] }),
    { name: 'fuzz key', roles: ['caseworker'] },
    dtoMutation(
      [
        { name: 'name', wrong: fc.oneof(string, wrongLength(1, 200)) },
        { name: 'roles', wrong: wrongRoles(exclusions) },
      ],
      exclusions,
    ),
  );

  // -- versions ---------------------------------------------------------------------------------
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

  /** validate, submit, publish: the body is ignored, so the path, caller or encoding must be wrong. */
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
            wrongLength(5, 2000),
            fc.constantFrom('中', '😀😀', 'ab', 'é', '\u200b\u200b'),
          ),
        },
      ],
      exclusions,
    ),
  );

  // -- evaluation -------------------------------------------------------------------------------
  const household = target.household;
  const members = (household['members'] as unknown[]).length;
  const memberIndex = fc.integer({ min: 0, max: members - 1 });
  const householdMutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc
      .oneof(
        fc.constantFrom<unknown>('ZZZZZZ', '', 420325, '420325 ', 'sy0001', true, [], {}, null, undefined),
        unicodeText(1, 8),
        longText(100, 5000),
      )
      .map((v) => householdField(['jurisdiction'], v)),
    fc
      .constantFrom<unknown>('suburban', 'Rural', '', 1, true, [], null, undefined)
      .map((v) => householdField(['residence'], v)),
    fc
      .constantFrom<unknown>(
        '-1',
        '-0.01',
        -5,
        'NaN',
        'Infinity',
        '-Infinity',
        '1e5',
        '1,000',
        ' 12',
        '0x10',
        '１２',
        '',
        '12.',
        '.5',
        '+5',
        '100000000.01',
        '9'.repeat(300),
        rawNumber('1e400'),
        rawNumber('-1e400'),
        true,
        [],
        {},
        null,
        undefined,
      )
      .map((v) => householdField(['annualNetIncome'], v)),
    fc
      .constantFrom<unknown>('true', 1, 0, 'yes', [], {}, null, undefined)
      .map((v) => householdField(['assetsWithinLimit'], v)),
    fc.constantFrom<unknown>('false', 1, 'no', [], {}).map((v) => householdField(['registeredPoor'], v)),
    fc.constantFrom<unknown>('major', 5, true, []).map((v) => householdField(['emergency'], v)),
    fc.constantFrom<unknown>('minor', 1, null, undefined).map((v) => ({
      ...householdField(['emergency', 'severity'], v),
      // The object must exist for its field to be wrong.
      at: ['household', 'emergency'],
      value: v === undefined ? {} : { severity: v },
    })),
    fc.constantFrom<unknown>('yes', 5, []).map((v) => householdField(['disaster'], v)),
    fc.constantFrom<unknown>('yes', 1, []).map((v) => ({
      ...householdField(['disaster', 'houseCollapsed'], v),
      at: ['household', 'disaster'],
      value: { houseCollapsed: v },
    })),
    fc
      .tuple(unknownName([...target.householdFacts, 'members'], exclusions), fc.jsonValue({ maxDepth: 2 }))
      .map(([name, v]) => householdField([name], v)),
    fc
      .constantFrom<unknown>(
        [],
        'p1',
        {},
        null,
        undefined,
        Array.from({ length: 31 }, (_, i) => ({ id: `m${i}`, birthDate: '1990-01-01' })),
      )
      .map((v) => householdField(['members'], v)),
    fc.constantFrom<unknown>(5, 'p1', null, []).map((v) => householdField(['members', 0], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('', 5, null, undefined, 'x'.repeat(101), []))
      .map(([i, v]) => householdField(['members', i, 'id'], v)),
    fc
      .tuple(
        memberIndex,
        fc.oneof(notADate, fc.constantFrom<unknown>(19900101, '2099-01-01', null, undefined, true)),
      )
      .map(([i, v]) => householdField(['members', i, 'birthDate'], v)),
    fc
      .tuple(
        memberIndex,
        fc.constantFrom<unknown>(5, -1, 1.5, '1.5', true, 'two', [], rawNumber('1e400'), '٢'),
      )
      .map(([i, v]) => householdField(['members', i, 'disabilityGrade'], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('no', 1, 'true', []))
      .map(([i, v]) => householdField(['members', i, 'seriousIllness'], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('partial', 0, 'NONE', true))
      .map(([i, v]) => householdField(['members', i, 'extremePoverty'], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('yes', 1))
      .map(([i, v]) => householdField(['members', i, 'orphan'], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('-5', 'abc', '10000000.01', rawNumber('1e400'), true))
      .map(([i, v]) => householdField(['members', i, 'inpatientCompliantOutOfPocket'], v)),
    fc
      .tuple(
        memberIndex,
        unknownName([...target.memberFacts, 'id'], exclusions),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([i, name, v]) => householdField(['members', i, name], v)),
  );

  const evaluateFields: FieldSpec[] = [
    { name: 'asOf', wrong: fc.oneof(string, notADate) },
    {
      name: 'household',
      wrong: fc.oneof(
        fc.constantFrom<unknown>('household', 42, true, [], [household]),
        nested(exclusions.maxNestingDepth).filter(Array.isArray),
      ),
    },
    {
      name: 'version',
      optional: true,
      wrong: fc.oneof(
        string.filter((v) => v !== null),
        notALabel,
      ),
    },
  ];
  const evaluate = dtoRoute(
    'POST /api/v1/rulesets/{key}/evaluate',
    'post',
    rulesetBase.map((b) => ({ url: `${b.url}/evaluate`, mutations: b.mutations })),
    { asOf: target.asOf, household },
    fc.oneof(
      { weight: 2, arbitrary: dtoMutation(evaluateFields, exclusions) },
      { weight: 3, arbitrary: householdMutation },
      // Well-formed, but nothing is in force then, or no such version: 404.
      { weight: 1, arbitrary: fc.constant(setField(['asOf'], target.beforeFirstVersion)) },
      { weight: 1, arbitrary: fc.constant(setField(['version'], 'no-such-version')) },
    ),
  );

  const batch = dtoRoute(
    'POST /api/v1/rulesets/{key}/evaluate/batch',
    'post',
    rulesetBase.map((b) => ({ url: `${b.url}/evaluate/batch`, mutations: b.mutations })),
    { asOf: target.asOf, households: [household, household] },
    fc.oneof(
      dtoMutation(
        [
          evaluateFields[0] as FieldSpec,
          {
            name: 'households',
            // Never a list of 1 to 1000 entries: that is a valid batch, whatever the entries.
            wrong: fc.oneof(
              fc.constantFrom<unknown>({}, 'households', 42, true, [], { 0: household }),
              fc.constant(Array.from({ length: 1001 }, () => household)),
              nested(exclusions.maxNestingDepth).filter((v) => !Array.isArray(v)),
            ),
          },
          evaluateFields[2] as FieldSpec,
        ],
        exclusions,
      ),
      fc.constant(setField(['asOf'], target.beforeFirstVersion)),
    ),
  );

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

  return fc.oneof(
    ...[
      login,
      users,
      apiKeys,
      createVersion,
      putVersion,
      versionAction('validate'),
      versionAction('submit'),
      versionAction('publish'),
      withdraw,
      evaluate,
      batch,
      parameters,
      audit,
      readVersion,
    ].map((route) => finish(route, exclusions)),
  );
}

/**
 * Whether `request` could succeed (and so change data) after all: only the routes whose body is
 * ignored (validate, submit) can, when sent by the admin to an existing version with a readable body.
 */
export function couldSucceed(request: MalformedRequest, target: FuzzTarget): boolean {
  const match = /\/api\/v1\/rulesets\/([^/]+)\/versions\/([^/]+)\/(validate|submit)$/.exec(request.url);
  if (!match || request.caller !== 'admin') return false;
  const [, key, label, action] = match;
  const readable = ['json', 'none', 'wrong-content-type'].includes(request.encoding.kind);
  if (!readable || key !== target.ruleset) return false;
  if (action === 'validate') return [...target.publishedLabels, target.draft.label].includes(label as string);
  return label === target.draft.label;
}

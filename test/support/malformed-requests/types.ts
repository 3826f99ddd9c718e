/** The shapes of generated malformed requests, and what the generators must know about the service. */

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

/**
 * Who a request claims to be: the admin (every role), a caseworker's API key, an analyst or an
 * approver (users with only that role), nobody, or a bad Authorization header.
 */
export type Caller = 'admin' | 'caseworker' | 'analyst' | 'approver' | 'none' | { authorization: string };

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
  /** The route, as in docs/api.md (`POST /api/v1/auth/login`). */
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
   * Whether the request carries a NUL character, a lone UTF-16 surrogate or a value nested deeper
   * than SHAPE_DEPTH. A service may refuse such a request on its shape alone, before it validates
   * fields, and then names only the offending places: the fuzz suite does not demand every bad field
   * of it.
   */
  shapeHazard: boolean;
  /**
   * Whether the body is deliberately well-formed, so that only the caller, the path, a header or the
   * stored state makes the request fail ({@link couldSucceed} checks those).
   */
  wellFormedBody: boolean;
}

/** Nesting up to this depth (from the body's root) is ordinary; deeper is a shape hazard. */
export const SHAPE_DEPTH = 8;

/** What the generators must know about the service under test. */
export interface FuzzTarget {
  ruleset: string;
  /** Labels of the published versions. */
  publishedLabels: string[];
  /** The published version in force first: withdrawing it leaves dates uncovered. */
  firstPublishedLabel: string;
  /** A draft the fuzzing may try (and must fail) to change. */
  draft: { label: string; etag: string; content: Record<string, unknown> };
  /**
   * A version in review that can never be published: it takes effect on the same day as a published
   * version (409 before any acknowledgement is looked at). Returning it to draft can succeed, and
   * approvers, analysts and editors may evaluate it.
   */
  inReviewLabel: string;
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

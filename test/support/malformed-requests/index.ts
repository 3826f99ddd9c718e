/**
 * fast-check arbitraries for malformed requests to the rules API (docs/api.md): every route, with bodies,
 * queries, headers and path parameters that are wrong in many ways at once. Each generated request
 * is wrong *by construction* (at least one field it sends is invalid, or its encoding, path or
 * credentials are), so no request may succeed and none may change stored data; the fuzz suite
 * checks both.
 *
 * A request also records the JSON Pointers its invalid fields must be named by (`expected`), with
 * the problem type that names them: `invalid-request` (the request DTO, 400), `invalid-input`
 * (the household, 422, pointers relative to the household) or `unprocessable` (version content, 422).
 */
export { couldSucceed, malformedRequests } from './requests';
export {
  type Caller,
  type Encoding,
  type ExpectedPath,
  type FieldProblemType,
  type FuzzTarget,
  type KnownBugExclusions,
  type MalformedRequest,
  SHAPE_DEPTH,
} from './types';
export { serialiseBody } from './values';

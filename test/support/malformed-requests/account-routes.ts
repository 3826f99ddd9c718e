/** Login, users and API keys: malformed credentials and account DTOs. */
import fc from 'fast-check';

import { type Built, dtoRoute } from './builders';
import { dtoMutation, setField } from './mutations';
import type { RouteContext } from './route-context';
import type { KnownBugExclusions } from './types';
import { longText, notString, unicodeText, wellFormedText, wrongLength } from './values';
import { FIELD_LIMITS } from '../../../api/src/common/field-limits';

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

export function accountRoutes({ exclusions, string }: RouteContext): {
  login: fc.Arbitrary<Built>;
  users: fc.Arbitrary<Built>;
  apiKeys: fc.Arbitrary<Built>;
} {
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
          {
            name: 'password',
            wrong: fc.oneof(string, wrongLength(FIELD_LIMITS.passwordMin, FIELD_LIMITS.passwordMax)),
          },
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
        { name: 'name', wrong: fc.oneof(string, wrongLength(1, FIELD_LIMITS.apiKeyName)) },
        { name: 'roles', wrong: wrongRoles(exclusions) },
      ],
      exclusions,
    ),
  );

  return { login, users, apiKeys };
}

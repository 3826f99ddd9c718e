/**
 * Revocable access, four eyes by person: API keys are listed, revoked and expire, and act for a
 * person (their creator, or a service account that never publishes); users are listed, changed,
 * disabled, get new passwords and sign out, and every token issued before such a change stops
 * working, on this replica at once and on the others within AUTH_REFRESH_SECONDS; logins are
 * throttled per account and per client address; API key names fit every column they reach.
 *
 * Runs on PGlite and, with DATABASE_URL, on PostgreSQL, where a second replica is booted on the same
 * database. On PGlite another replica's change is simulated by writing to the database directly.
 */
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { PrincipalsService } from '../../api/src/auth/principals.service';
import { FIELD_LIMITS } from '../../api/src/common/field-limits';
import { dataSourceOptions } from '../../api/src/database/data-source';
import { MIGRATIONS } from '../../api/src/database/migrations';
import { RevocableAccess1764806400000 } from '../../api/src/database/migrations/1764806400000-revocable-access';
import { ADMIN_PASSWORD, bootService, createOfficial, type TestService } from '../support/app';
import { bootBareService, keptDatabase, type BareService, type KeptDatabase } from '../support/bare-service';
import { bearer, expectProblem } from '../support/problem-responses';

const DATABASE_URL = process.env['DATABASE_URL'] || null;
const DATABASE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const RULESETS = '/api/v1/rulesets';
const VERSIONS = '/api/v1/rulesets/shiyan-social-assistance/versions';
const DAY_MS = 24 * 3600 * 1000;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

interface ApiKeyBody {
  id: string;
  name: string;
  roles: string[];
  kind: 'user' | 'service-account';
  actsFor: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

interface UserBody {
  id: string;
  username: string;
  roles: string[];
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
}

interface AuditBody {
  actor: string;
  action: string;
  version: string | null;
  details: Record<string, unknown>;
}

/** Polls `check` every 100 ms until it is true or `timeoutMs` passes; returns the time it took. */
async function within(timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`still not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The fields a 400/422 problem names (each once, though it may say several things of one), sorted. */
const errorPaths = (response: Response, status: number): string[] =>
  [...new Set((expectProblem(response, status).errors ?? []).map((e) => e.path))].sort();

describe(`revocable access (${DATABASE})`, () => {
  let service: TestService;
  let dataSource: DataSource;
  let draftCount = 0;

  const admin = (): { Authorization: string } => bearer(service.adminToken);
  /** What a token gets from a route every role may read. */
  const statusWith = async (token: string): Promise<number> =>
    (await service.http.get(RULESETS).set(bearer(token))).status;
  const createKey = async (
    body: object,
    token = service.adminToken,
  ): Promise<{ id: string; key: string }> => {
    const response = await service.http.post('/api/v1/api-keys').set(bearer(token)).send(body);
    if (response.status !== 201)
      throw new Error(`creating a key failed: ${response.status} ${response.text.slice(0, 300)}`);
    return response.body as { id: string; key: string };
  };
  const listKeys = async (): Promise<ApiKeyBody[]> => {
    const response = await service.http.get('/api/v1/api-keys').set(admin());
    expect(response.status).toBe(200);
    return response.body as ApiKeyBody[];
  };
  const keyNamed = async (id: string): Promise<ApiKeyBody> => {
    const key = (await listKeys()).find((k) => k.id === id);
    if (!key) throw new Error(`key ${id} is not listed`);
    return key;
  };
  const audit = async (action: string): Promise<AuditBody[]> => {
    const response = await service.http.get('/api/v1/audit').query({ limit: 200 }).set(admin());
    expect(response.status).toBe(200);
    return (response.body as AuditBody[]).filter((e) => e.action === action);
  };
  /** Drafts a new version with `token`; returns the label. */
  const draft = async (token: string): Promise<string> => {
    const label = `access-${++draftCount}`;
    const response = await service.http
      .post(VERSIONS)
      .set(bearer(token))
      .send({ version: label, basedOn: '2020', effectiveFrom: `${2040 + draftCount}-01-01` });
    expect([label, response.status]).toEqual([label, 201]);
    return label;
  };
  const draftActor = async (label: string): Promise<string | undefined> =>
    (await audit('drafted')).find((e) => e.version === label)?.actor;
  const login = (username: string, password: string): Promise<Response> =>
    service.http.post('/api/v1/auth/login').send({ username, password });
  const patchUser = (username: string, body: object, token = service.adminToken): Promise<Response> =>
    service.http.patch(`/api/v1/users/${username}`).set(bearer(token)).send(body);

  beforeAll(async () => {
    service = await bootService({ AUTH_REFRESH_SECONDS: '1' });
    dataSource = service.app.get(DataSource);
  });
  afterAll(async () => {
    await service?.close();
  });

  describe('API keys', () => {
    it('are listed with whom they act for and when they expire, never with the key or its hash', async () => {
      const { id, key } = await createKey({ name: 'listed case system', roles: ['caseworker'] });
      const listed = await keyNamed(id);
      expect(listed).toEqual({
        id,
        name: 'listed case system',
        roles: ['caseworker'],
        kind: 'user',
        actsFor: 'admin',
        createdBy: 'admin',
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      });
      // 365 days by default.
      const days = (Date.parse(listed.expiresAt) - Date.parse(listed.createdAt)) / DAY_MS;
      expect(Math.round(days)).toBe(365);
      const text = (await service.http.get('/api/v1/api-keys').set(admin())).text;
      const [hash] = (await dataSource.query('SELECT key_hash FROM api_keys WHERE id = $1', [id])) as {
        key_hash: string;
      }[];
      expect(text).not.toContain(key);
      expect(text).not.toContain(hash?.key_hash);
      expect(text).not.toMatch(/keyHash|key_hash/);
    });

    it('record when they were last used, at the next refresh', async () => {
      const { id, key } = await createKey({ name: 'last used', roles: ['caseworker'] });
      expect(await statusWith(key)).toBe(200);
      await service.app.get(PrincipalsService).refresh();
      const lastUsed = (await keyNamed(id)).lastUsedAt;
      expect(lastUsed).not.toBeNull();
      expect(Date.now() - Date.parse(lastUsed as string)).toBeLessThan(60_000);
    });

    it('revoked: 204, its next request is 401, it is listed as revoked and the revocation is audited once', async () => {
      const { id, key } = await createKey({ name: 'revoked case system', roles: ['caseworker'] });
      expect(await statusWith(key)).toBe(200);
      const revoked = await service.http.delete(`/api/v1/api-keys/${id}`).set(admin());
      expect(revoked.status).toBe(204);
      expectProblem(await service.http.get(RULESETS).set(bearer(key)), 401);
      expect(await keyNamed(id)).toEqual(
        expect.objectContaining({ revokedAt: expect.any(String), revokedBy: 'admin' }),
      );
      // Revoking again changes nothing.
      expect((await service.http.delete(`/api/v1/api-keys/${id}`).set(admin())).status).toBe(204);
      const entries = (await audit('api-key-revoked')).filter((e) => e.details['id'] === id);
      expect(entries).toEqual([
        expect.objectContaining({
          actor: 'admin',
          details: { id, name: 'revoked case system', kind: 'user', actsFor: 'admin' },
        }),
      ]);
    });

    it('revoking a key that does not exist is 404', async () => {
      for (const id of [NO_SUCH_ID, 'not-a-uuid'])
        expectProblem(await service.http.delete(`/api/v1/api-keys/${id}`).set(admin()), 404);
    });

    it('expire: expiresInDays sets when; an expired key is 401; a bad expiresInDays is 400 naming it', async () => {
      const { id, key } = await createKey({ name: 'short-lived', roles: ['caseworker'], expiresInDays: 1 });
      const listed = await keyNamed(id);
      expect(Math.round((Date.parse(listed.expiresAt) - Date.parse(listed.createdAt)) / DAY_MS)).toBe(1);
      expect(await statusWith(key)).toBe(200);
      // A day passes.
      await dataSource.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        id,
      ]);
      await service.app.get(PrincipalsService).refresh();
      expectProblem(await service.http.get(RULESETS).set(bearer(key)), 401);
      for (const expiresInDays of [0, 1826, 1.5, '30', -1]) {
        const response = await service.http
          .post('/api/v1/api-keys')
          .set(admin())
          .send({ name: 'bad expiry', roles: ['caseworker'], expiresInDays });
        expect([expiresInDays, errorPaths(response, 400)]).toEqual([expiresInDays, ['/expiresInDays']]);
      }
    });

    it('a 150-character name is refused with 400 naming /name; a key with a 100-character name writes', async () => {
      const refused = await service.http
        .post('/api/v1/api-keys')
        .set(admin())
        .send({ name: 'k'.repeat(150), roles: ['editor'] });
      expect(errorPaths(refused, 400)).toEqual(['/name']);
      // Characters are counted as the database counts them: 100 emoji are 200 UTF-16 units.
      for (const name of ['k'.repeat(FIELD_LIMITS.apiKeyName), '🔑'.repeat(FIELD_LIMITS.apiKeyName)]) {
        const { key } = await createKey({ name, roles: ['editor'] });
        const label = await draft(key);
        expect(await draftActor(label)).toBe('admin');
      }
      const emoji = await service.http
        .post('/api/v1/api-keys')
        .set(admin())
        .send({ name: '🔑'.repeat(FIELD_LIMITS.apiKeyName + 1), roles: ['editor'] });
      expect(errorPaths(emoji, 400)).toEqual(['/name']);
      for (const name of ['', '   '])
        expect(
          errorPaths(
            await service.http
              .post('/api/v1/api-keys')
              .set(admin())
              .send({ name, roles: ['editor'] }),
            400,
          ),
        ).toEqual(['/name']);
    });

    it('act for the user who created them: the audit actor is that person, with the key in the details', async () => {
      const ownerToken = await createOfficial(service, 'key.owner', ['admin', 'editor']);
      const adminKey = await createKey({ name: 'owner admin key', roles: ['admin', 'editor'] }, ownerToken);
      // Through the key, the owner makes another key and a draft: both are the owner's doing.
      const editorKey = await createKey({ name: 'owner editor key', roles: ['editor'] }, adminKey.key);
      const created = (await audit('api-key-created')).find((e) => e.details['id'] === editorKey.id);
      expect(created).toEqual(
        expect.objectContaining({
          actor: 'key.owner',
          details: expect.objectContaining({
            kind: 'user',
            actsFor: 'key.owner',
            apiKey: { id: adminKey.id, name: 'owner admin key' },
          }),
        }),
      );
      expect(await keyNamed(editorKey.id)).toEqual(
        expect.objectContaining({ actsFor: 'key.owner', createdBy: 'key.owner', kind: 'user' }),
      );
      const label = await draft(editorKey.key);
      expect(await draftActor(label)).toBe('key.owner');
      const versions = (await service.http.get(VERSIONS).set(admin())).body as {
        version: string;
        createdBy: string;
      }[];
      expect(versions.find((v) => v.version === label)?.createdBy).toBe('key.owner');
    });

    it("hold at most their creator's roles: asking for more is 422 naming /roles", async () => {
      const ownerToken = await createOfficial(service, 'key.limited', ['admin', 'editor']);
      const response = await service.http
        .post('/api/v1/api-keys')
        .set(bearer(ownerToken))
        .send({ name: 'too much', roles: ['editor', 'approver'] });
      const problem = expectProblem(response, 422);
      expect(problem.errors).toEqual([{ path: '/roles', message: expect.stringContaining('approver') }]);
    });

    it('lose a role their creator loses, and stop working while the creator is disabled', async () => {
      const ownerToken = await createOfficial(service, 'key.creator', ['admin', 'editor', 'caseworker']);
      const { key } = await createKey({ name: 'creator key', roles: ['editor', 'caseworker'] }, ownerToken);
      await draft(key);
      expect((await patchUser('key.creator', { roles: ['admin', 'caseworker'] })).status).toBe(200);
      const refused = await service.http
        .post(VERSIONS)
        .set(bearer(key))
        .send({ version: 'creator-demoted', basedOn: '2020', effectiveFrom: '2060-01-01' });
      expectProblem(refused, 403);
      expect(await statusWith(key)).toBe(200);
      expect((await patchUser('key.creator', { disabled: true })).status).toBe(200);
      expectProblem(await service.http.get(RULESETS).set(bearer(key)), 401);
      expect((await patchUser('key.creator', { disabled: false })).status).toBe(200);
      expect(await statusWith(key)).toBe(200);
    });
  });

  describe('service accounts', () => {
    it('a service account key acts for service:<name> and never holds approver or admin (422 naming /roles)', async () => {
      for (const roles of [['approver'], ['admin', 'caseworker'], ['editor', 'approver']]) {
        const response = await service.http
          .post('/api/v1/api-keys')
          .set(admin())
          .send({ name: 'publishing robot', roles, serviceAccount: true });
        expect([roles, errorPaths(response, 422)]).toEqual([roles, ['/roles']]);
      }
      const name = 's'.repeat(FIELD_LIMITS.username - 'service:'.length);
      const { id, key } = await createKey({ name, roles: ['editor', 'caseworker'], serviceAccount: true });
      expect(await keyNamed(id)).toEqual(
        expect.objectContaining({ kind: 'service-account', actsFor: `service:${name}`, createdBy: 'admin' }),
      );
      // Its person fills a username column exactly.
      const label = await draft(key);
      expect(await draftActor(label)).toBe(`service:${name}`);
      // One character more and `service:<name>` would not fit: 400 naming /name.
      const tooLong = await service.http
        .post('/api/v1/api-keys')
        .set(admin())
        .send({ name: `${name}s`, roles: ['caseworker'], serviceAccount: true });
      expect(errorPaths(tooLong, 400)).toEqual(['/name']);
      // Nor can the database be talked into it.
      await expect(
        dataSource.query(`UPDATE api_keys SET roles = '["approver"]'::jsonb WHERE id = $1`, [id]),
      ).rejects.toThrow(/api_keys_service_account_roles/);
    });
  });

  describe('users', () => {
    it('are listed with roles, disabled and dates, never with a password hash', async () => {
      const response = await service.http.get('/api/v1/users').set(admin());
      expect(response.status).toBe(200);
      expect((response.body as UserBody[]).find((u) => u.username === 'admin')).toEqual({
        id: expect.any(String),
        username: 'admin',
        roles: ['admin', 'editor', 'approver', 'analyst', 'caseworker'],
        disabled: false,
        createdAt: expect.any(String),
        passwordChangedAt: null,
      });
      expect(response.text).not.toMatch(/scrypt|passwordHash|password_hash/);
    });

    it('an admin cannot disable themself or remove their own admin role (409); bad changes are refused', async () => {
      const selfDisable = expectProblem(await patchUser('admin', { disabled: true }), 409);
      expect(selfDisable.detail).toMatch(/cannot disable your own account/);
      const selfDemote = expectProblem(await patchUser('admin', { roles: ['editor'] }), 409);
      expect(selfDemote.detail).toMatch(/cannot remove your own admin role/);
      expect(errorPaths(await patchUser('admin', {}), 422)).toEqual(['']);
      expect(errorPaths(await patchUser('admin', { roles: ['root'], disabled: 'yes' }), 400)).toEqual([
        '/disabled',
        '/roles',
      ]);
      expect(errorPaths(await patchUser('admin', { roles: [] }), 400)).toEqual(['/roles']);
      expectProblem(await patchUser('nobody', { disabled: true }), 404);
      expectProblem(await patchUser('no body', { disabled: true }), 404);
      expect(await statusWith(service.adminToken)).toBe(200);
    });

    it('disabling a user makes their token 401 and their login 401 like a wrong password; enabling lets them in again', async () => {
      const token = await createOfficial(service, 'li.lei', ['caseworker']);
      expect(await statusWith(token)).toBe(200);
      const disabled = await patchUser('li.lei', { disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toEqual(expect.objectContaining({ username: 'li.lei', disabled: true }));
      expectProblem(await service.http.get(RULESETS).set(bearer(token)), 401);
      const refused = expectProblem(await login('li.lei', 'li.lei-password-123'), 401);
      const wrong = expectProblem(await login('li.lei', 'not-the-password'), 401);
      expect(refused.detail).toBe(wrong.detail);
      expect((await audit('user-updated')).find((e) => e.details['username'] === 'li.lei')).toEqual(
        expect.objectContaining({
          actor: 'admin',
          details: { username: 'li.lei', disabled: { from: false, to: true } },
        }),
      );
      expect((await patchUser('li.lei', { disabled: false })).status).toBe(200);
      // The old token stays dead; a new login works.
      expectProblem(await service.http.get(RULESETS).set(bearer(token)), 401);
      expect((await login('li.lei', 'li.lei-password-123')).status).toBe(200);
    });

    it('a role change makes old tokens 401; a new login holds the new roles', async () => {
      const token = await createOfficial(service, 'zhang.wei', ['editor']);
      await draft(token);
      const changed = await patchUser('zhang.wei', { roles: ['caseworker'] });
      expect(changed.body).toEqual(expect.objectContaining({ roles: ['caseworker'] }));
      expectProblem(await service.http.get(RULESETS).set(bearer(token)), 401);
      const again = (await login('zhang.wei', 'zhang.wei-password-123')).body as { accessToken: string };
      expect(await statusWith(again.accessToken)).toBe(200);
      const refused = await service.http
        .post(VERSIONS)
        .set(bearer(again.accessToken))
        .send({ version: 'demoted', basedOn: '2020', effectiveFrom: '2061-01-01' });
      expectProblem(refused, 403);
      // The same roles again change nothing, and end nothing.
      expect((await patchUser('zhang.wei', { roles: ['caseworker'] })).status).toBe(200);
      expect(await statusWith(again.accessToken)).toBe(200);
    });

    it('an admin password reset makes old tokens and the old password stop working (204, audited)', async () => {
      const token = await createOfficial(service, 'chen.jing', ['analyst']);
      const reset = await service.http
        .post('/api/v1/users/chen.jing/password')
        .set(admin())
        .send({ password: 'a brand new passphrase' });
      expect(reset.status).toBe(204);
      expectProblem(await service.http.get(RULESETS).set(bearer(token)), 401);
      expectProblem(await login('chen.jing', 'chen.jing-password-123'), 401);
      expect((await login('chen.jing', 'a brand new passphrase')).status).toBe(200);
      expect((await audit('password-reset')).map((e) => [e.actor, e.details])).toContainEqual([
        'admin',
        { username: 'chen.jing' },
      ]);
      const short = await service.http
        .post('/api/v1/users/chen.jing/password')
        .set(admin())
        .send({ password: 'short' });
      expect(errorPaths(short, 400)).toEqual(['/password']);
      expectProblem(
        await service.http
          .post('/api/v1/users/nobody/password')
          .set(admin())
          .send({ password: 'long enough password' }),
        404,
      );
    });

    it("changing one's own password: a wrong current one is 403; then old tokens are 401 and the answer is a new token", async () => {
      const token = await createOfficial(service, 'wu.min', ['caseworker']);
      const change = (body: object, with_ = token): Promise<Response> =>
        service.http.put('/api/v1/auth/password').set(bearer(with_)).send(body);
      const wrong = expectProblem(
        await change({ currentPassword: 'not-my-password', newPassword: 'my new passphrase' }),
        403,
      );
      expect(wrong.detail).toMatch(/current password is wrong/);
      expect(errorPaths(await change({ currentPassword: 'x', newPassword: 'short' }), 400)).toEqual([
        '/newPassword',
      ]);
      expect(
        errorPaths(
          await change({ currentPassword: 'wu.min-password-123', newPassword: 'wu.min-password-123' }),
          422,
        ),
      ).toEqual(['/newPassword']);
      expect(await statusWith(token)).toBe(200);
      const changed = await change({
        currentPassword: 'wu.min-password-123',
        newPassword: 'my new passphrase',
      });
      expect(changed.status).toBe(200);
      const fresh = (changed.body as { accessToken: string }).accessToken;
      expectProblem(await service.http.get(RULESETS).set(bearer(token)), 401);
      expect(await statusWith(fresh)).toBe(200);
      expect((await login('wu.min', 'my new passphrase')).status).toBe(200);
      expect((await audit('password-changed')).map((e) => e.actor)).toContain('wu.min');
      // An API key has no password to change.
      const { key } = await createKey({ name: 'no password', roles: ['caseworker'] });
      expectProblem(
        await change({ currentPassword: ADMIN_PASSWORD, newPassword: 'a new admin password' }, key),
        403,
      );
    });

    it('logout ends every session of the account (documented); logging in again works', async () => {
      const first = await createOfficial(service, 'sun.li', ['caseworker']);
      const second = ((await login('sun.li', 'sun.li-password-123')).body as { accessToken: string })
        .accessToken;
      expect(await statusWith(second)).toBe(200);
      expect((await service.http.post('/api/v1/auth/logout').set(bearer(first))).status).toBe(204);
      expectProblem(await service.http.get(RULESETS).set(bearer(first)), 401);
      expectProblem(await service.http.get(RULESETS).set(bearer(second)), 401);
      expect((await audit('logged-out')).map((e) => e.actor)).toContain('sun.li');
      expect((await login('sun.li', 'sun.li-password-123')).status).toBe(200);
      // An API key has no session: revoking it is the admin's.
      const { key } = await createKey({ name: 'no session', roles: ['caseworker'] });
      expectProblem(await service.http.post('/api/v1/auth/logout').set(bearer(key)), 403);
      expect(await statusWith(key)).toBe(200);
    });
  });

  describe('another replica', () => {
    it('its revocation of a key (written to the database) reaches this replica within AUTH_REFRESH_SECONDS (1 s)', async () => {
      const { id, key } = await createKey({ name: 'revoked elsewhere', roles: ['caseworker'] });
      expect(await statusWith(key)).toBe(200);
      await dataSource.query(`UPDATE api_keys SET revoked_at = now(), revoked_by = 'admin' WHERE id = $1`, [
        id,
      ]);
      const ms = await within(5_000, async () => (await statusWith(key)) === 401);
      expect(ms).toBeLessThan(3_000);
    });

    it('its disabling of a user, or a sign-out, reaches this replica within AUTH_REFRESH_SECONDS', async () => {
      const disabled = await createOfficial(service, 'far.away', ['caseworker']);
      const signedOut = await createOfficial(service, 'far.away2', ['caseworker']);
      expect([await statusWith(disabled), await statusWith(signedOut)]).toEqual([200, 200]);
      await dataSource.query(
        `UPDATE users SET disabled = true, session_generation = session_generation + 1 WHERE username = 'far.away'`,
      );
      await dataSource.query(
        `UPDATE users SET session_generation = session_generation + 1 WHERE username = 'far.away2'`,
      );
      expect(await within(5_000, async () => (await statusWith(disabled)) === 401)).toBeLessThan(3_000);
      expect(await within(5_000, async () => (await statusWith(signedOut)) === 401)).toBeLessThan(3_000);
    });
  });

  it('documents every new route in OpenAPI, with problem details and request bodies', async () => {
    type Operation = {
      requestBody?: { content: Record<string, { schema?: object }> };
      responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
      parameters?: { name: string; in: string; required?: boolean }[];
    };
    const document = (await service.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes: [string, string, string, boolean][] = [
      ['get', '/api/v1/api-keys', '200', false],
      ['delete', '/api/v1/api-keys/{id}', '204', false],
      ['get', '/api/v1/users', '200', false],
      ['patch', '/api/v1/users/{username}', '200', true],
      ['post', '/api/v1/users/{username}/password', '204', true],
      ['put', '/api/v1/auth/password', '200', true],
      ['post', '/api/v1/auth/logout', '204', false],
    ];
    for (const [method, path, success, body] of routes) {
      const op = document.paths[path]?.[method];
      const name = `${method.toUpperCase()} ${path}`;
      expect([name, op !== undefined]).toEqual([name, true]);
      if (!op) continue;
      expect([name, Object.keys(op.responses)]).toEqual([
        name,
        expect.arrayContaining([success, '401', '403']),
      ]);
      expect([name, Object.keys(op.responses).some((s) => s === '400' || s === '422')]).toEqual([name, true]);
      expect(op.responses['401']?.content?.['application/problem+json']?.schema?.$ref).toBe(
        '#/components/schemas/ProblemResponse',
      );
      for (const p of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
        expect(op.parameters).toEqual(
          expect.arrayContaining([expect.objectContaining({ name: p, in: 'path', required: true })]),
        );
      expect([name, op.requestBody?.content['application/json']?.schema !== undefined]).toEqual([name, body]);
    }
    expect(Object.keys(document.paths['/api/v1/auth/login']?.['post']?.responses ?? {})).toContain('429');
  });
});

describe(`login throttling, per account and per client address (${DATABASE})`, () => {
  let service: TestService;
  const PASSWORD_A = 'user.a-password-123';
  const PASSWORD_B = 'user.b-password-123';

  /** A login from `address` (believed: TRUST_PROXY is loopback, and the test client is local). */
  const login = (username: string, password: string, address: string): Promise<Response> =>
    service.http.post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ username, password });

  beforeAll(async () => {
    service = await bootService({
      TRUST_PROXY: 'loopback',
      LOGIN_RATE_LIMIT_PER_MINUTE: '12',
      LOGIN_ACCOUNT_MAX_FAILURES: '5',
      LOGIN_ACCOUNT_LOCK_MINUTES: '15',
    });
    await createOfficial(service, 'user.a', ['caseworker']);
    await createOfficial(service, 'user.b', ['caseworker']);
  });
  afterAll(async () => {
    await service?.close();
  });

  it('ten failures for user A from one address lock A, and do not stop user B logging in from that address', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) {
      last = await login('user.a', `wrong-password-${i}`, '203.0.113.10');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    const locked = expectProblem(last as Response, 429);
    expect(locked.type).toMatch(/too-many-requests$/);
    expect(locked.detail).toMatch(/this account/);
    const retryAfter = Number((last as Response).headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await login('user.b', PASSWORD_B, '203.0.113.10')).status).toBe(200);
  });

  it('user A stays locked from any other address, with the right password too', async () => {
    for (const address of ['198.51.100.20', '192.0.2.30'])
      expectProblem(await login('user.a', PASSWORD_A, address), 429);
    expectProblem(
      await service.http.post('/api/v1/auth/login').send({ username: 'user.a', password: PASSWORD_A }),
      429,
    );
  });

  it('an address is limited after LOGIN_RATE_LIMIT_PER_MINUTE failures whichever the accounts; other addresses are not', async () => {
    // 203.0.113.10 failed 5 times above (the 429s were not failures); 7 more reach 12.
    for (let i = 0; i < 7; i++)
      expectProblem(await login(`nobody-${i}`, 'whatever-password', '203.0.113.10'), 401);
    const limited = await login('user.b', PASSWORD_B, '203.0.113.10');
    expect(expectProblem(limited, 429).detail).toMatch(/this address/);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await login('user.b', PASSWORD_B, '203.0.113.11')).status).toBe(200);
  });

  it("an admin's password reset unlocks the account", async () => {
    const reset = await service.http
      .post('/api/v1/users/user.a/password')
      .set(bearer(service.adminToken))
      .send({ password: 'user.a-new-password' });
    expect(reset.status).toBe(204);
    expect((await login('user.a', 'user.a-new-password', '198.51.100.21')).status).toBe(200);
  });

  it('wrong current passwords on PUT /auth/password count against the account', async () => {
    const token = ((await login('user.b', PASSWORD_B, '198.51.100.40')).body as { accessToken: string })
      .accessToken;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await service.http
        .put('/api/v1/auth/password')
        .set(bearer(token))
        .set('X-Forwarded-For', '198.51.100.40')
        .send({ currentPassword: `guess-${i}`, newPassword: 'a stolen-token password' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
    expectProblem(await login('user.b', PASSWORD_B, '198.51.100.41'), 429);
  });
});

if (DATABASE_URL) {
  describe('two replicas on one PostgreSQL database', () => {
    let database: KeptDatabase;
    let first: BareService;
    let second: BareService;
    let adminToken: string;
    const settings = {
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'error',
      AUTH_REFRESH_SECONDS: '1',
    };
    const status = async (replica: BareService, token: string): Promise<number> =>
      (await replica.http.get(RULESETS).set(bearer(token))).status;
    const loginOn = async (replica: BareService, username: string, password: string): Promise<string> => {
      const response = await replica.http.post('/api/v1/auth/login').send({ username, password });
      expect(response.status).toBe(200);
      return (response.body as { accessToken: string }).accessToken;
    };

    beforeAll(async () => {
      database = await keptDatabase(DATABASE_URL);
      // One after the other: the first one migrates and creates the admin.
      first = await bootBareService(database, settings);
      second = await bootBareService(database, settings);
      adminToken = await loginOn(first, 'admin', ADMIN_PASSWORD);
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await database?.drop();
    });

    it('a key made on one replica works on the other at once; revoked on the first, it is 401 there at once and on the second within the interval', async () => {
      const created = await first.http
        .post('/api/v1/api-keys')
        .set(bearer(adminToken))
        .send({ name: 'two replicas', roles: ['caseworker'] });
      expect(created.status).toBe(201);
      const { id, key } = created.body as { id: string; key: string };
      expect([await status(first, key), await status(second, key)]).toEqual([200, 200]);
      expect((await first.http.delete(`/api/v1/api-keys/${id}`).set(bearer(adminToken))).status).toBe(204);
      expect(await status(first, key)).toBe(401);
      expect(await within(5_000, async () => (await status(second, key)) === 401)).toBeLessThan(3_000);
    });

    it('a user disabled on one replica is refused on the other within the interval', async () => {
      const created = await first.http
        .post('/api/v1/users')
        .set(bearer(adminToken))
        .send({ username: 'ma.lin', password: 'ma.lin-password-123', roles: ['caseworker'] });
      expect(created.status).toBe(201);
      const token = await loginOn(second, 'ma.lin', 'ma.lin-password-123');
      expect([await status(first, token), await status(second, token)]).toEqual([200, 200]);
      const disabled = await second.http
        .patch('/api/v1/users/ma.lin')
        .set(bearer(adminToken))
        .send({ disabled: true });
      expect(disabled.status).toBe(200);
      expect(await status(second, token)).toBe(401);
      expect(await within(5_000, async () => (await status(first, token)) === 401)).toBeLessThan(3_000);
    });

    it('a token issued after a password change on one replica works on the other at once', async () => {
      const created = await first.http
        .post('/api/v1/users')
        .set(bearer(adminToken))
        .send({ username: 'he.ping', password: 'he.ping-password-123', roles: ['caseworker'] });
      expect(created.status).toBe(201);
      const old = await loginOn(first, 'he.ping', 'he.ping-password-123');
      expect(await status(first, old)).toBe(200);
      const changed = await second.http
        .put('/api/v1/auth/password')
        .set(bearer(old))
        .send({ currentPassword: 'he.ping-password-123', newPassword: 'he.ping-new-password' });
      expect(changed.status).toBe(200);
      const fresh = (changed.body as { accessToken: string }).accessToken;
      // The first replica has not refreshed yet, but the newer token tells it to look.
      expect(await status(first, fresh)).toBe(200);
      expect(await status(first, old)).toBe(401);
    });
  });
}

describe(`the revocable-access migration, on keys made before it (${DATABASE})`, () => {
  let database: KeptDatabase | null = null;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = DATABASE_URL ? await keptDatabase(DATABASE_URL) : null;
    const before = MIGRATIONS.filter((m) => m !== RevocableAccess1764806400000);
    expect(before).toHaveLength(MIGRATIONS.length - 1);
    dataSource = new DataSource({
      ...dataSourceOptions({ databaseUrl: database?.env['DATABASE_URL'] ?? null, dataDir: 'memory://' }),
      migrations: before,
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it("keeps a user's key acting for them; makes other keys service accounts without approver or admin; all expire in a year", async () => {
    await dataSource.query(
      `INSERT INTO users (username, password_hash, roles) VALUES ('admin', 'x', '["admin", "caseworker"]')`,
    );
    const legacy: [string, string, string[]][] = [
      ['case system', 'admin', ['caseworker']],
      ['k'.repeat(150), 'api-key:some key', ['caseworker', 'approver', 'admin']],
    ];
    for (const [index, [name, createdBy, roles]] of legacy.entries())
      await dataSource.query(
        `INSERT INTO api_keys (name, key_hash, roles, created_by) VALUES ($1, $2, $3::jsonb, $4)`,
        [name, String(index).repeat(64), JSON.stringify(roles), createdBy],
      );

    const runner = dataSource.createQueryRunner();
    try {
      await new RevocableAccess1764806400000().up(runner);
      const keys = (await dataSource.query(
        `SELECT name, kind, acts_for, roles, expires_at > now() + interval '364 days' AS a_year
           FROM api_keys ORDER BY key_hash`,
      )) as { name: string; kind: string; acts_for: string; roles: string[]; a_year: boolean }[];
      expect(keys).toEqual([
        { name: 'case system', kind: 'user', acts_for: 'admin', roles: ['caseworker'], a_year: true },
        {
          name: 'k'.repeat(FIELD_LIMITS.apiKeyName),
          kind: 'service-account',
          acts_for: `service:${'k'.repeat(FIELD_LIMITS.username - 'service:'.length)}`,
          roles: ['caseworker'],
          a_year: true,
        },
      ]);
      const [user] = (await dataSource.query(
        `SELECT disabled, session_generation FROM users WHERE username = 'admin'`,
      )) as { disabled: boolean; session_generation: number }[];
      expect(user).toEqual({ disabled: false, session_generation: 0 });
      // And back, and forth again.
      await new RevocableAccess1764806400000().down(runner);
      await new RevocableAccess1764806400000().up(runner);
    } finally {
      await runner.release();
    }
  });
});

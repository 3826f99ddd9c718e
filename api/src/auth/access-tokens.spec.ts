import { createHmac } from 'node:crypto';
import { issueAccessToken, verifyAccessToken } from './access-tokens';
import { hashPassword, verifyPassword } from './passwords';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('access tokens', () => {
  it('verifies a token it issued, with its user, roles and session generation', () => {
    const token = issueAccessToken(SECRET, 'wang.fang', ['editor', 'approver'], 60);
    expect(verifyAccessToken(SECRET, token)).toEqual({
      username: 'wang.fang',
      roles: ['editor', 'approver'],
      generation: 0,
    });
    const later = issueAccessToken(SECRET, 'wang.fang', ['editor'], 60, Date.now(), 3);
    expect(verifyAccessToken(SECRET, later)?.generation).toBe(3);
  });

  it('reads a token without a generation (issued before sessions could end) as generation 0', () => {
    const body = `at.${Buffer.from(JSON.stringify({ sub: 'li.lei', roles: ['caseworker'], iat: 0, exp: 9e9 })).toString('base64url')}`;
    const signature = createHmac('sha256', SECRET).update(body).digest('base64url');
    expect(verifyAccessToken(SECRET, `${body}.${signature}`)).toEqual({
      username: 'li.lei',
      roles: ['caseworker'],
      generation: 0,
    });
  });

  it('refuses an expired token, another secret, a changed payload and garbage', () => {
    const now = Date.UTC(2026, 0, 1);
    const token = issueAccessToken(SECRET, 'li.lei', ['caseworker'], 60, now);
    expect(verifyAccessToken(SECRET, token, now + 61_000)).toBeNull();
    expect(verifyAccessToken(`${SECRET}x`, token, now)).toBeNull();
    const [prefix, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'li.lei', roles: ['admin'], iat: 0, exp: 9e9 }),
    ).toString('base64url');
    expect(verifyAccessToken(SECRET, `${prefix}.${forged}.${signature}`, now)).toBeNull();
    expect(verifyAccessToken(SECRET, 'at.not-a-token', now)).toBeNull();
  });

  it('drops roles it does not know', () => {
    const token = issueAccessToken(SECRET, 'x', ['caseworker', 'superuser' as never], 60);
    expect(verifyAccessToken(SECRET, token)?.roles).toEqual(['caseworker']);
  });
});

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', hash)).resolves.toBe(false);
    await expect(verifyPassword('anything', 'not-a-hash')).resolves.toBe(false);
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from './roles';

interface TokenPayload {
  sub: string;
  roles: Role[];
  iat: number;
  exp: number;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (secret: string, body: string): string =>
  createHmac('sha256', secret).update(body).digest('base64url');

/**
 * Issues a signed access token (HMAC-SHA256 over a JSON payload, `at.<payload>.<signature>`).
 * Tokens are checked without the database, so evaluation keeps working when it is down.
 */
export function issueAccessToken(
  secret: string,
  username: string,
  roles: readonly Role[],
  ttlSeconds: number,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const body = `at.${encode({ sub: username, roles: [...roles], iat, exp: iat + ttlSeconds } satisfies TokenPayload)}`;
  return `${body}.${sign(secret, body)}`;
}

/** The user and roles of a valid, unexpired token; null otherwise. */
export function verifyAccessToken(
  secret: string,
  token: string,
  now = Date.now(),
): { username: string; roles: Role[] } | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'at') return null;
  const body = `${parts[0]}.${parts[1]}`;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(parts[2] as string);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as TokenPayload;
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || payload.exp * 1000 <= now)
      return null;
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r))
      : [];
    return { username: payload.sub, roles };
  } catch {
    return null;
  }
}

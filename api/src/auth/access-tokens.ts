import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from './roles';

interface TokenPayload {
  sub: string;
  roles: Role[];
  /** The user's session generation when the token was issued (absent in older tokens: 0). */
  gen?: number;
  iat: number;
  exp: number;
}

/** What a valid access token says. */
export interface VerifiedAccessToken {
  username: string;
  roles: Role[];
  /** The user's session generation at issue; the token is good only while it is still current. */
  generation: number;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (secret: string, body: string): string =>
  createHmac('sha256', secret).update(body).digest('base64url');

/**
 * Issues a signed access token (HMAC-SHA256 over a JSON payload, `at.<payload>.<signature>`).
 * The signature is checked without the database; the user's session generation it carries is
 * compared with each replica's cache of users, so disabling a user, changing their roles or
 * password, or signing out ends the tokens issued before.
 */
export function issueAccessToken(
  secret: string,
  username: string,
  roles: readonly Role[],
  ttlSeconds: number,
  now = Date.now(),
  generation = 0,
): string {
  const iat = Math.floor(now / 1000);
  const payload: TokenPayload = {
    sub: username,
    roles: [...roles],
    gen: generation,
    iat,
    exp: iat + ttlSeconds,
  };
  const body = `at.${encode(payload)}`;
  return `${body}.${sign(secret, body)}`;
}

/** The user, roles and session generation of a valid, unexpired token; null otherwise. */
export function verifyAccessToken(
  secret: string,
  token: string,
  now = Date.now(),
): VerifiedAccessToken | null {
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
    const generation = payload.gen ?? 0;
    if (!Number.isSafeInteger(generation) || generation < 0) return null;
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r))
      : [];
    return { username: payload.sub, roles, generation };
  } catch {
    return null;
  }
}

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { TooManyRequestsError } from '../common/domain-errors';
import { ENVIRONMENT, type Environment } from '../config/environment';

/** Client addresses remembered at most; beyond that, windows that are over are forgotten first. */
const MAX_ADDRESSES = 10_000;
const MINUTE_MS = 60_000;

const minutes = (seconds: number): string => {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? 'a minute' : `${m} minutes`;
};

/**
 * Login throttling, per account and per client address.
 *
 * - Per account (shared by every replica, in the database): each login attempt counts as a failure
 *   until it succeeds; after LOGIN_ACCOUNT_MAX_FAILURES in a window of LOGIN_ACCOUNT_LOCK_MINUTES
 *   (starting at the first failure), the account's logins are refused until the window ends, from
 *   any address and with the right password too. A successful login clears the count.
 * - Per client address (in this replica's memory): only failed logins count, up to
 *   LOGIN_RATE_LIMIT_PER_MINUTE a minute, so the many officials behind one proxy or NAT can still
 *   sign in while one of them mistypes. The address is the TCP peer's, or X-Forwarded-For's as
 *   Express reads it when TRUST_PROXY names the proxies (applied to the HTTP server here).
 */
@Injectable()
export class LoginThrottleService implements OnModuleInit {
  private readonly addresses = new Map<string, { since: number; failures: number }>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    if (this.env.trustProxy === null) return;
    const server = this.adapterHost.httpAdapter?.getInstance() as
      { set?: (name: string, value: unknown) => void } | undefined;
    server?.set?.('trust proxy', this.env.trustProxy);
  }

  /**
   * Before a password is checked: refuses (TooManyRequestsError) when the address or the account is
   * locked, and otherwise counts this attempt against the account until {@link clear}.
   */
  async begin(account: string, address: string, now = Date.now()): Promise<void> {
    const seen = this.addresses.get(address);
    if (seen && now - seen.since < MINUTE_MS && seen.failures >= this.env.loginRateLimitPerMinute) {
      const wait = Math.ceil((seen.since + MINUTE_MS - now) / 1000);
      throw new TooManyRequestsError(
        `Too many failed logins from this address; try again in ${minutes(wait)}`,
        wait,
      );
    }
    const rows = (await this.dataSource.query(
      `INSERT INTO login_failures AS f (account, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (account) DO UPDATE SET
         failures = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2)
                         THEN 1 ELSE f.failures + 1 END,
         window_started_at = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2)
                                  THEN now() ELSE f.window_started_at END
       RETURNING failures,
         ceil(extract(epoch FROM f.window_started_at + make_interval(mins => $2) - now()))::int AS "retryAfter"`,
      [account, this.env.loginAccountLockMinutes],
    )) as { failures: number; retryAfter: number }[];
    const row = rows[0];
    if (row && row.failures > this.env.loginAccountMaxFailures) {
      throw new TooManyRequestsError(
        `Too many failed logins for this account; try again in ${minutes(row.retryAfter)}, or ask an admin to reset the password`,
        row.retryAfter,
      );
    }
  }

  /** A failed login: counts against the client address (the account was counted by {@link begin}). */
  failed(address: string, now = Date.now()): void {
    const seen = this.addresses.get(address);
    if (seen && now - seen.since < MINUTE_MS) seen.failures++;
    else {
      if (this.addresses.size >= MAX_ADDRESSES) this.forgetOldAddresses(now);
      this.addresses.set(address, { since: now, failures: 1 });
    }
  }

  /** A successful login or a password reset: the account's failures are forgotten (old windows swept too). */
  async clear(account: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_failures
       WHERE account = $1 OR window_started_at <= now() - make_interval(mins => $2)`,
      [account, this.env.loginAccountLockMinutes],
    );
  }

  private forgetOldAddresses(now: number): void {
    for (const [address, seen] of this.addresses)
      if (now - seen.since >= MINUTE_MS) this.addresses.delete(address);
    // Still full (an attack from very many addresses): forget the oldest half.
    if (this.addresses.size >= MAX_ADDRESSES)
      [...this.addresses.keys()]
        .slice(0, MAX_ADDRESSES / 2)
        .forEach((address) => this.addresses.delete(address));
  }
}

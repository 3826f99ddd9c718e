import { EnvironmentError, readEnvironment } from './environment';

describe('readEnvironment', () => {
  it('applies defaults: port 3000, the embedded database, generated secrets', () => {
    const env = readEnvironment({});
    expect(env.port).toBe(3000);
    expect(env.databaseUrl).toBeNull();
    expect(env.dataDir).toMatch(/data[/\\]pglite$/);
    expect(env.bootstrapAdminPassword).toBeNull();
    expect(env.tokenSecret).toBeNull();
    expect(env.bodyLimit).toBe('1mb');
  });

  it('reads a PostgreSQL URL and numbers', () => {
    const env = readEnvironment({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PORT: '8080',
      ACCESS_TOKEN_TTL_SECONDS: '600',
    });
    expect(env.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(env.port).toBe(8080);
    expect(env.accessTokenTtlSeconds).toBe(600);
  });

  it('names every bad setting at once', () => {
    let error: unknown;
    try {
      readEnvironment({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        BOOTSTRAP_ADMIN_PASSWORD: 'short',
        TOKEN_SECRET: 'tiny',
        BODY_LIMIT: 'lots',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvironmentError);
    const problems = (error as EnvironmentError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'BOOTSTRAP_ADMIN_PASSWORD', 'TOKEN_SECRET', 'BODY_LIMIT'])
      expect(problems).toContain(name);
    expect((error as EnvironmentError).problems).toHaveLength(5);
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirProblem, EnvironmentError, readEnvironment } from './environment';

describe('readEnvironment', () => {
  it('applies defaults: port 3000, the embedded database, generated secrets', () => {
    const env = readEnvironment({});
    expect(env.port).toBe(3000);
    expect(env.databaseUrl).toBeNull();
    expect(env.dataDir).toMatch(/data[/\\]pglite$/);
    expect(env.bootstrapAdminPassword).toBeNull();
    expect(env.tokenSecret).toBeNull();
    expect(env.bodyLimit).toBe('1mb');
    expect(env.authRefreshSeconds).toBe(30);
    expect(env.loginRateLimitPerMinute).toBe(100);
    expect(env.loginAccountMaxFailures).toBe(5);
    expect(env.loginAccountLockMinutes).toBe(15);
    expect(env.trustProxy).toBeNull();
  });

  it('reads the access settings: refresh interval, login limits and the trusted proxies', () => {
    const env = readEnvironment({
      AUTH_REFRESH_SECONDS: '5',
      LOGIN_RATE_LIMIT_PER_MINUTE: '300',
      LOGIN_ACCOUNT_MAX_FAILURES: '3',
      LOGIN_ACCOUNT_LOCK_MINUTES: '60',
      TRUST_PROXY: 'loopback,10.0.0.0/8 , 192.168.1.7, fd00::/8',
    });
    expect(env.authRefreshSeconds).toBe(5);
    expect(env.loginRateLimitPerMinute).toBe(300);
    expect(env.loginAccountMaxFailures).toBe(3);
    expect(env.loginAccountLockMinutes).toBe(60);
    expect(env.trustProxy).toBe('loopback, 10.0.0.0/8, 192.168.1.7, fd00::/8');
    expect(readEnvironment({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it.each([
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '0'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'loopback, proxy.local'],
    ['AUTH_REFRESH_SECONDS', '0'],
    ['LOGIN_ACCOUNT_MAX_FAILURES', 'five'],
    ['LOGIN_ACCOUNT_LOCK_MINUTES', '1441'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => readEnvironment({ [name]: value })).toThrow(new RegExp(`${name} must be`));
  });

  it('refuses WORKER_THREADS below 2 at start, naming the setting and its range; accepts 2', () => {
    for (const value of ['1', '0'])
      expect(() => readEnvironment({ WORKER_THREADS: value })).toThrow(
        `WORKER_THREADS must be a whole number from 2 to 64`,
      );
    expect(readEnvironment({ WORKER_THREADS: '2' }).workerThreads).toBe(2);
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

describe('DATA_DIR', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'data-dir-'));
    writeFileSync(join(scratch, 'a-file'), 'not a folder');
    mkdirSync(join(scratch, 'existing'));
    symlinkSync('/proc/self', join(scratch, 'to-proc'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const problemOf = (dataDir: string): string => {
    try {
      readEnvironment({ DATA_DIR: dataDir });
    } catch (e) {
      expect(e).toBeInstanceOf(EnvironmentError);
      return (e as EnvironmentError).problems.join('\n');
    }
    return '';
  };

  it('accepts an existing folder, one that can be created, and memory://', () => {
    expect(readEnvironment({ DATA_DIR: join(scratch, 'existing') }).dataDir).toBe(join(scratch, 'existing'));
    expect(readEnvironment({ DATA_DIR: join(scratch, 'new', 'pglite') }).dataDir).toBe(
      join(scratch, 'new', 'pglite'),
    );
    expect(readEnvironment({ DATA_DIR: 'memory://' }).dataDir).toBe('memory://');
    expect(dataDirProblem(join(scratch, 'existing'))).toBeNull();
  });

  it('refuses a file, naming DATA_DIR and the file', () => {
    const file = join(scratch, 'a-file');
    expect(problemOf(file)).toBe(
      `DATA_DIR 必须是文件夹,"${file}" 是文件 / DATA_DIR must be a folder, but "${file}" is a file`,
    );
  });

  it('refuses a folder that would have to be created inside a file', () => {
    const problem = problemOf(join(scratch, 'a-file', 'pglite'));
    expect(problem).toMatch(
      /^DATA_DIR 无法创建:".*a-file" 是文件 \/ DATA_DIR cannot be created: ".*a-file" is a file/,
    );
  });

  it.each(['/proc', '/proc/pglite', '/sys/pglite', '/dev/shm/pglite'])(
    'refuses %s, under a kernel file system',
    (dir) => {
      expect(problemOf(dir)).toMatch(
        /^DATA_DIR 不能位于 \/proc、\/sys 或 \/dev 之下 \/ DATA_DIR must be a folder for the embedded database's files, not under \/proc, \/sys or \/dev/,
      );
    },
  );

  it('refuses a link that leads under /proc', () => {
    expect(problemOf(join(scratch, 'to-proc', 'pglite'))).toMatch(/^DATA_DIR .* not under \/proc/);
  });

  it('answers at once, without writing anything', () => {
    const started = performance.now();
    for (let i = 0; i < 100; i++) problemOf('/proc/pglite');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('is not checked when DATABASE_URL is set (the embedded database is not used)', () => {
    const env = readEnvironment({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      DATA_DIR: '/proc/x',
    });
    expect(env.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
  });
});

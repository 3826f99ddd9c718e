import { DEFAULT_WORKER_THREADS, EnvironmentError, readEnvironment } from '../config/environment';

describe('the worker pool settings', () => {
  it('defaults: at least two threads, 32 waiting tasks, 30 s per task, 8 compiled drafts per worker', () => {
    const env = readEnvironment({});
    expect(env.workerThreads).toBe(DEFAULT_WORKER_THREADS);
    expect(DEFAULT_WORKER_THREADS).toBeGreaterThanOrEqual(2);
    expect(env.workerQueueSize).toBe(32);
    expect(env.workerTaskTimeoutMs).toBe(30000);
    expect(env.draftCacheSize).toBe(8);
  });

  it('reads each setting', () => {
    const env = readEnvironment({
      WORKER_THREADS: '3',
      WORKER_QUEUE_SIZE: '0',
      WORKER_TASK_TIMEOUT_MS: '1',
      DRAFT_CACHE_SIZE: '0',
    });
    expect([env.workerThreads, env.workerQueueSize, env.workerTaskTimeoutMs, env.draftCacheSize]).toEqual([
      3, 0, 1, 0,
    ]);
  });

  it.each([
    ['WORKER_THREADS', '0'],
    ['WORKER_THREADS', '1'],
    ['WORKER_THREADS', '65'],
    ['WORKER_THREADS', 'two'],
    ['WORKER_QUEUE_SIZE', '-1'],
    ['WORKER_TASK_TIMEOUT_MS', '0'],
    ['WORKER_TASK_TIMEOUT_MS', '1.5'],
    ['DRAFT_CACHE_SIZE', '1001'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => readEnvironment({ [name]: value })).toThrow(EnvironmentError);
    expect(() => readEnvironment({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('the evaluation path setting', () => {
  it('evaluates on the compiled path unless EVALUATION_PATH says reference', () => {
    expect(readEnvironment({}).evaluationPath).toBe('compiled');
    expect(readEnvironment({ EVALUATION_PATH: '' }).evaluationPath).toBe('compiled');
    expect(readEnvironment({ EVALUATION_PATH: 'reference' }).evaluationPath).toBe('reference');
    expect(readEnvironment({ EVALUATION_PATH: 'compiled' }).evaluationPath).toBe('compiled');
  });

  it.each(['fast', 'Compiled', 'json-rules-engine'])(
    'refuses EVALUATION_PATH=%s, naming the choices',
    (value) => {
      expect(() => readEnvironment({ EVALUATION_PATH: value })).toThrow(
        /EVALUATION_PATH must be compiled or reference/,
      );
    },
  );
});

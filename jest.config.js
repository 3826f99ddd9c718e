/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/api', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  // NestJS 12 ships ES modules only: swc turns them into CommonJS for Jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@electric-sql|uid|load-esm|file-type|token-types|strtok3|@tokenizer)/)',
  ],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs', ignoreDynamic: false },
      },
    ],
  },
  testTimeout: 120000,
  // Every core (Jest's default leaves one idle: on two cores, one worker). The suites that measure
  // responsiveness run one at a time (--runInBand in their scripts), the browser suites two at a time.
  maxWorkers: '100%',
  // The CLI and start-up suites run the built service as `npm run rules` and `npm start` do.
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
};

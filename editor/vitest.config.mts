import { mergeConfig, defineConfig } from 'vitest/config';
import viteConfig from './vite.config.mts';

/**
 * Files that replace a module with `vi.mock`: each needs a module graph of its own, or a module one
 * file loaded for real would stay loaded for the next (and a mock would leak into it). Every other
 * file shares its worker's jsdom and modules with the files before it (`isolate: false`): building
 * a jsdom and importing Ant Design again for each of them took more than half of the run. What a
 * file changes is put back after each test (setup.ts: cleanup, storage; `vi.unstubAllGlobals`),
 * and `renderScreen` sets the language and the session for each screen it renders.
 */
const MODULE_MOCKS = [
  'src/features/rules/components/json-tab.test.tsx',
  'src/features/compare/components/print-annex.test.tsx',
  'src/features/compare/components/compare-page.test.tsx',
  'src/features/compare/components/changes-view.test.tsx',
];

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      setupFiles: ['src/test/setup.ts'],
      css: false,
      testTimeout: 20000,
      // Both cores (Vitest's default left one idle here).
      maxWorkers: '100%',
      projects: [
        {
          extends: true,
          test: {
            name: 'shared',
            include: ['src/**/*.test.{ts,tsx}'],
            exclude: MODULE_MOCKS,
            isolate: false,
          },
        },
        { extends: true, test: { name: 'isolated', include: MODULE_MOCKS } },
      ],
    },
  }),
);

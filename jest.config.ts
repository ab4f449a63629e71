import type { Config } from 'jest';
import { pathsToModuleNameMapper } from 'ts-jest';
import { compilerOptions } from './tsconfig.json';

// The @app/* mapper is generated from tsconfig paths so the two can never drift apart.
const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });

const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  // content-disposition 3 (used by @fastify/static) ships only ESM, which jest on Node 20 cannot require:
  // it is the one node_modules package compiled to CommonJS here.
  transform: { '^.+\\.(ts|js)$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }] },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  testEnvironment: 'node',
  moduleNameMapper,
} satisfies Config;

const config: Config = {
  // Integration hooks boot the real API on a fresh database copy; on a loaded CI machine that took longer than
  // jest's 5 s default (a global option: projects cannot set it).
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // Fault injection (Redis stopped, worker killed, PostgreSQL restarted, disk full) and multi-process runs:
      // slow by nature, so not part of `npm test` — `npm run test:faults`, a bounded step of its own in CI.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
export default config;

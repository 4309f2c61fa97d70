import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import tsconfig from './tsconfig.json' with { type: 'json' };

// One alias per `@heqi/*` path in tsconfig.json, so the two never drift apart.
const alias = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([name, [target]]) => [
    name,
    fileURLToPath(new URL(target, import.meta.url)),
  ]),
);

export default defineConfig({
  // NestJS DI and TypeORM read decorator metadata: oxc must emit it like tsc does.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: { alias },
  test: {
    include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    globalSetup: ['libs/testing/src/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

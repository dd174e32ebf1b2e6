import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real-document suite has a config of its own (`vitest.real.config.ts`).
    exclude: [...configDefaults.exclude, 'test/real/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
  },
})

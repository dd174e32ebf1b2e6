import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real-document suite (`npm run test:real`, vitest.real.config.ts) reads ../shared/nice/.
    exclude: [...configDefaults.exclude, 'test/real/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
  },
})

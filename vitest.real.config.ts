import { defineConfig } from 'vitest/config'

// The real-document suite (`npm run test:real`): tests over the NICE PDFs in
// ../shared/nice/, read at run time, never copied into the repository.
export default defineConfig({
  test: {
    include: ['test/real/**/*.real.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
  },
})

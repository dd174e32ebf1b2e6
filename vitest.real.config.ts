import { defineConfig } from 'vitest/config'

// `npm run test:real`: the real-document suite, which reads NICE's PDFs and
// their poppler renderings from `../shared/nice/` at run time (never copied
// into the repository) and skips with a message where they are absent.
export default defineConfig({
  test: {
    include: ['test/real/**/*.real.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
  },
})

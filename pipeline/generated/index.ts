/**
 * Generated from `schemas/index.schema.json` by `npm run types` (`pipeline/build-types.ts`): do not edit.
 */

/**
 * This interface was referenced by `GuidexOutputIndex`'s JSON-Schema
 * via the `definition` "files".
 */
export type Files = {
  path: string
  sha256: string
}[]

/**
 * Every family in an output folder, its releases in order, their files and hashes (index.json).
 */
export interface GuidexOutputIndex {
  schemaVersion: string
  generator: {
    name: 'guidex'
    version: string
  }
  families: {
    family: string
    releases: {
      release: string
      guidanceId: string | null
      kind: string
      title: string | null
      published: string | null
      lastUpdated: string | null
      revised?: string | null
      replaces: string[]
      source: {
        path: string
        format?: 'text' | 'pdf'
        sha256: string
        bytes: number
      }
      files: Files
      /**
       * The release's findings and reading warnings by severity, so that a re-run that skips its text still totals them.
       */
      findings?: {
        error: number
        warning: number
        info: number
      }
    }[]
    diffs: {
      from: string
      to: string
      files: Files
    }[]
  }[]
}

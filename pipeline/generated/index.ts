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
      replaces: string[]
      source: {
        path: string
        sha256: string
        bytes: number
      }
      files: Files
    }[]
    diffs: {
      from: string
      to: string
      files: Files
    }[]
  }[]
}

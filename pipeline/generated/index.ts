/**
 * Generated from `schemas/index.schema.json` by `npm run types` (`pipeline/build-types.ts`): do not edit.
 */

/**
 * This interface was referenced by `GuidexOutputIndex`'s JSON-Schema
 * via the `definition` "files".
 */
export type Files = {
  path: string
  bytes: number
  sha256: string
}[]

/**
 * Every family in an output folder, its releases in order, their files with size and sha256 (index.json). The files on disk are the ones listed here: a run checks them and writes again what is missing or damaged.
 */
export interface GuidexOutputIndex {
  schemaVersion: string
  generator: {
    name: 'guidex'
    version: string
  }
  families: {
    family: string
    /**
     * What the family is keyed by: the guidance ids of its releases and of the guidance they replace whole or were migrated from (sorted).
     */
    ids: string[]
    /**
     * For a text without a guidance id, the sha256 of its bytes, which keys its family of its own; null otherwise.
     */
    content: string | null
    /**
     * Oldest first: by the documents' own dates, then by their update notes (a release whose notes hold the other's and more is newer), then in the order they came.
     */
    releases: {
      release: string
      guidanceId: string | null
      kind: string
      title: string | null
      published: string | null
      lastUpdated: string | null
      revised: string | null
      replaces: string[]
      /**
       * The sha256 of each update note (its date and text), to order releases of the same date.
       */
      updateNotes: string[]
      /**
       * The input: its bytes, its format, and every path it was seen at (relative to the output folder, with `/`, sorted).
       */
      source: {
        paths: string[]
        format: 'text' | 'pdf'
        sha256: string
        bytes: number
      }
      files: Files
      /**
       * The release's findings and reading warnings by severity, so that a re-run that skips its text still totals them.
       */
      findings: {
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

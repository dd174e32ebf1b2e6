/**
 * Generated from `schemas/diff.schema.json` by `npm run types` (`pipeline/build-types.ts`): do not edit.
 */

/**
 * What changed between two releases of one guidance, matched by content (diffs/<old>__<new>.json).
 */
export interface GuidexDiffReport {
  schemaVersion: string
  generator: {
    name: 'guidex'
    version: string
  }
  old: {
    /**
     * The release folder in the output (`family/release`), null outside one.
     */
    release: string | null
    /**
     * The input file the release was read from, where known.
     */
    path: string | null
    guidanceId: string | null
    published: string | null
    lastUpdated: string | null
    revised?: string | null
    sha256: string
  }
  new: {
    /**
     * The release folder in the output (`family/release`), null outside one.
     */
    release: string | null
    /**
     * The input file the release was read from, where known.
     */
    path: string | null
    guidanceId: string | null
    published: string | null
    lastUpdated: string | null
    revised?: string | null
    sha256: string
  }
  summary: {
    metadataChanges: number
    sectionsAdded: number
    sectionsRemoved: number
    paragraphsUnchanged: number
    paragraphsRenumbered: number
    paragraphsReworded: number
    paragraphsRemoved: number
    paragraphsInserted: number
    itemsAdded: number
    itemsRemoved: number
    peopleChanges: number
    tableRowsAdded: number
    tableRowsRemoved: number
    tableRowsChanged: number
    recommendationsUnchanged: number
    recommendationsChanged: number
  }
  metadata: {
    field: string
    old: unknown
    new: unknown
  }[]
  sections: {
    added: {
      heading: string
      line: number
    }[]
    removed: {
      heading: string
      line: number
    }[]
  }
  paragraphs: {
    change: 'renumbered' | 'reworded' | 'removed' | 'inserted' | 'items-changed'
    old: null | {
      number: string | null
      section: string | null
      text: string
      line: number
    }
    new: null | {
      number: string | null
      section: string | null
      text: string
      line: number
    }
    words:
      | null
      | {
          op: 'equal' | 'insert' | 'delete'
          text: string
        }[]
    itemsAdded: string[]
    itemsRemoved: string[]
  }[]
  people: {
    list: 'committee' | 'projectTeam'
    change: 'added' | 'removed' | 'role-changed'
    name: string
    oldRole: string | null
    newRole: string | null
    /**
     * The person’s line (in the old release when removed).
     */
    line: number
  }[]
  tables: {
    table: string
    caption: string
    key: string
    study: string | null
    /**
     * 1-based, in the new release (the old one when removed).
     */
    row: number
    line: number
    change: 'added' | 'removed' | 'changed'
    cells: {
      column: string
      old: string
      new: string
      numbers: string[]
      results: {
        outcome: string | null
        group: string | null
        timepoint: string | null
        old: string | null
        new: string | null
      }[]
    }[]
  }[]
}

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
    path: string
    guidanceId: string | null
    published: string | null
    lastUpdated: string | null
    sha256: string
  }
  new: {
    path: string
    guidanceId: string | null
    published: string | null
    lastUpdated: string | null
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
    added: string[]
    removed: string[]
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
  }[]
  tables: {
    table: string
    key: string
    change: 'added' | 'removed' | 'changed'
    cells: {
      column: string
      old: string
      new: string
      numbers: string[]
    }[]
  }[]
}

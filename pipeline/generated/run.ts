/**
 * Generated from `schemas/run.schema.json` by `npm run types` (`pipeline/build-types.ts`): do not edit.
 */

/**
 * Run-time facts of one extract run (run.json): per document status, messages and timings. Records stay free of them.
 */
export interface GuidexRunReport {
  schemaVersion: string
  generator: {
    name: 'guidex'
    version: string
  }
  finishedAt: string
  durationMs: number
  concurrency: number
  totals: {
    documents: number
    written: number
    unchanged: number
    restored: number
    failed: number
    findings: {
      error: number
      warning: number
      info: number
    }
  }
  documents: {
    path: string
    status: 'written' | 'unchanged' | 'restored' | 'failed' | 'up-to-date' | 'out-of-date'
    family: string | null
    release: string | null
    messages: {
      line: number
      column: number
      severity: 'error' | 'warning' | 'info'
      ruleId: string | null
      reason: string
      /**
       * The stack of an internal error (ruleId `internal-error`, a bug in guidex), where there is one.
       */
      stack?: string
    }[]
    findings: {
      error: number
      warning: number
      info: number
    }
    timings: {
      readMs: number
      extractMs: number
      writeMs: number
    }
  }[]
  /**
   * What the run did to the output folder beyond writing releases (files restored, removed, the index rebuilt), and what it could not restore.
   */
  output: {
    path: string
    action: 'restored' | 'removed' | 'rebuilt' | 'unrepairable' | 'left'
    reason: string
  }[]
}

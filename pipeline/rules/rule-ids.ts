/**
 * Every rule id of guidex, in one place: the `ruleId` of each message (a
 * problem reading a document) and the `check` of each finding (the
 * document's own numbers disagreeing). `schemas/document.schema.json` lists
 * the check ids as the enum of `finding.check`; `test/rules.test.ts` keeps the
 * two equal.
 */

/** Rule ids of messages: problems reading an input, not findings about its numbers. */
export const messageRule = {
  /** A text input over the largest size accepted. */
  tooLarge: 'too-large',
  /** Bytes that are not UTF-8 (nor UTF-16 with a byte order mark). */
  invalidUtf8: 'invalid-utf8',
  /** A NUL character: binary content. */
  binary: 'binary',
  /** An empty or blank file. */
  empty: 'empty',
  /** A PDF input without a PDF reader. */
  pdfReaderMissing: 'pdf-reader-missing',
  /** An input named on the command line that does not exist. */
  missing: 'missing',
  /** An input that cannot be read from disk (a file or a folder). */
  unreadable: 'unreadable',
  /** An input that is not a regular file: a FIFO, a device, a socket. */
  notRegularFile: 'not-a-file',
  /** An input inside the output folder. */
  insideOutput: 'inside-output',
  /** A text that shows nothing of a guidance document. */
  notGuidance: 'not-guidance',
  /** A document that took longer than its time limit (its worker was stopped). */
  timeLimit: 'time-limit',
  /** A document whose worker's heap grew past its limit. */
  memoryLimit: 'memory-limit',
  /** A document whose worker stopped otherwise (a crash). */
  workerStopped: 'worker-stopped',
  /** A file of the output that is missing or damaged, and cannot be made again. */
  unrepairable: 'unrepairable',
  /** A bug of guidex met while extracting (not a problem of the input). */
  internal: 'internal',
  /** A numbered paragraph whose number does not follow the one before. */
  numberingGap: 'numbering-gap',
  /** A paragraph number outside its section (`2.5 million people` in section 3). */
  numberOutsideSection: 'number-outside-section',
  /** A table whose columns the converter ran together, read as text. */
  tableColumnsLost: 'table-columns-lost',
  /** A table row with more or fewer cells than the header. */
  tableRowWidth: 'table-row-width',
  /** A record that does not validate against the schema. */
  schema: 'schema',
} as const

/** A message's rule id. */
export type MessageRuleId = (typeof messageRule)[keyof typeof messageRule]

/** Check ids: the `check` of each finding, one per consistency rule (`pipeline/rules/checks/`). */
export const checkId = {
  percentVersusFraction: 'percent-vs-fraction',
  eventsAboveTotal: 'events-above-total',
  boundsOrder: 'ci-bounds-order',
  estimateOutsideInterval: 'estimate-outside-ci',
  asymmetricInterval: 'ci-asymmetric',
  pVersusInterval: 'p-vs-ci',
  heterogeneityRange: 'i2-range',
  textVersusTable: 'text-vs-table',
  statedSum: 'stated-sum',
  tableCount: 'table-count',
  evidenceVersusOverview: 'evidence-vs-overview',
} as const

/** A finding's check id. */
export type CheckId = (typeof checkId)[keyof typeof checkId]

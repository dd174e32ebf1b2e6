/**
 * The processor, built in one place: every stage in order.
 *
 * normalize (parser) → parseMarkdown → classifyBlocks → extractTables → sectionize → linkReferences → extractStatements →
 * extractMetadata → requireGuidance → extractResults → checkConsistency → assembleRecord → locateSources → validateRecord → compileRecord (compiler)
 */

import { unified } from 'unified'
import { assembleRecord } from './stages/assemble-record.js'
import { checkConsistency } from './stages/check-consistency.js'
import { classifyBlocks } from './stages/classify-blocks.js'
import { compileRecord } from './stages/compile-record.js'
import { extractMetadata } from './stages/extract-metadata.js'
import { extractResults } from './stages/extract-results.js'
import { extractStatements } from './stages/extract-statements.js'
import { extractTables } from './stages/extract-tables.js'
import { normalize } from './stages/normalize.js'
import { parseMarkdown } from './stages/parse-markdown.js'
import { requireGuidance } from './stages/require-guidance.js'
import { linkReferences } from './stages/link-references.js'
import { locateSources } from './stages/locate-sources.js'
import { sectionize } from './stages/sectionize.js'
import { validateRecord } from './stages/validate-record.js'

/**
 * Create the guidex processor.
 *
 * @returns
 *   A frozen unified processor: `processSync(file)` turns a decoded file into
 *   `document.json` text, with the record on `file.data.record`.
 */
export function createPipeline() {
  return unified()
    .use(normalize)
    .use(parseMarkdown)
    .use(classifyBlocks)
    .use(extractTables)
    .use(sectionize)
    .use(linkReferences)
    .use(extractStatements)
    .use(extractMetadata)
    .use(requireGuidance)
    .use(extractResults)
    .use(checkConsistency)
    .use(assembleRecord)
    .use(locateSources)
    .use(validateRecord)
    .use(compileRecord)
    .freeze()
}

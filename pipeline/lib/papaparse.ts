/**
 * papaparse, loaded with `require`. It is CommonJS: imported from an ES
 * module, Node first scans its source for export names (cjs-module-lexer),
 * and every worker thread paid that scan again, long enough for the lexer
 * itself to be optimised by the JIT.
 */

import { createRequire } from 'node:module'
import type * as PapaModule from 'papaparse'

/** The papaparse module. */
export const Papa = createRequire(import.meta.url)('papaparse') as typeof PapaModule

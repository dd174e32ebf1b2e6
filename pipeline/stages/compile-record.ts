/**
 * Stage `compileRecord` (the processor's compiler): the record as JSON text,
 * compact, with a final newline (stable key order: the same record, the same bytes).
 */

import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import type { GuidanceRoot } from '../types.js'

/**
 * Attach the compiler.
 */
export const compileRecord: Plugin<[], GuidanceRoot, string> = function () {
  // Compact native JSON: a third smaller than indented, and as much faster to
  // write, hash and read; `jq .` lays it out for people.
  this.compiler = (_tree, file: VFile) => `${JSON.stringify(file.data.record)}\n`
}

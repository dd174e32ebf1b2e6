/**
 * Stage `compileRecord` (the processor's compiler): the record as JSON text,
 * two-space indented, with a final newline.
 */

import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import type { GuidanceRoot } from '../types.js'

/**
 * Attach the compiler.
 */
export const compileRecord: Plugin<[], GuidanceRoot, string> = function () {
  // Native JSON, two-space indented: fast, stable key order, line-oriented diffs.
  this.compiler = (_tree, file: VFile) => `${JSON.stringify(file.data.record, null, 2)}\n`
}

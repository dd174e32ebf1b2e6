/**
 * Stage `compileRecord` (the processor's compiler): the record as JSON text,
 * small values on one line, larger ones one member per line (`lib/stable-json.ts`).
 */

import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { stableJson } from '../lib/stable-json.js'
import type { GuidanceRoot } from '../types.js'

/**
 * Attach the compiler.
 */
export const compileRecord: Plugin<[], GuidanceRoot, string> = function () {
  this.compiler = (_tree, file: VFile) => stableJson(file.data.record)
}

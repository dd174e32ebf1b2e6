/**
 * One temporary folder for the whole test run, removed at its end: every
 * `tmpdir()` of the tests and of the CLI processes they start falls inside
 * it (through `TMPDIR`), so a run leaves nothing behind in the system's
 * temporary folder, however many outputs its tests write.
 */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'guidex-tests-'))
  process.env.TMPDIR = root
  return () => rmSync(root, { recursive: true, force: true })
}

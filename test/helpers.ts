/**
 * Test helpers: run the real pipeline on a file of the repository.
 */

import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createPipeline } from '../pipeline/create-pipeline.js'
import { extractTextDocument } from '../pipeline/extract-document.js'
import type { DocumentRecord, Paragraph, Section } from '../pipeline/types.js'

/** The repository root. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const processor = createPipeline()

/**
 * Extract a text given as a string or bytes.
 *
 * @param input
 *   Text or bytes.
 * @param displayPath
 *   Path to record (default: `test.txt`).
 * @returns
 *   The file, its record and messages as strings.
 */
export function extractText(input: string | Uint8Array, displayPath = 'test.txt') {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  const file = extractTextDocument(bytes, displayPath, processor)
  return {
    file,
    record: file.data.record as DocumentRecord,
    messages: file.messages.map(String),
  }
}

/**
 * Extract a file of the repository.
 *
 * @param relativePath
 *   Path from the repository root (`input/001_….txt`).
 * @returns
 *   As `extractText`, plus the raw text.
 */
export function extractRepositoryFile(relativePath: string) {
  const bytes = readFileSync(path.join(repositoryRoot, relativePath))
  return { ...extractText(bytes, relativePath), raw: bytes.toString('utf8') }
}

/** Every section, depth first. */
export function allSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((section) => [section, ...allSections(section.sections)])
}

/** Every paragraph (preamble first), depth first. */
export function allParagraphs(record: DocumentRecord): Paragraph[] {
  return [
    ...record.preamble,
    ...allSections(record.sections).flatMap((section) => section.paragraphs),
  ]
}

/**
 * A copy of the built package (`dist/pipeline`, `schemas`, `package.json`,
 * its `node_modules` linked), for a test to damage at will without touching
 * `dist/`.
 *
 * @returns
 *   The copy's folder.
 */
export function copyPackage(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'guidex-package-'))
  cpSync(path.join(repositoryRoot, 'dist/pipeline'), path.join(copy, 'dist/pipeline'), {
    recursive: true,
  })
  cpSync(path.join(repositoryRoot, 'schemas'), path.join(copy, 'schemas'), { recursive: true })
  cpSync(path.join(repositoryRoot, 'package.json'), path.join(copy, 'package.json'))
  symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir')
  return copy
}

/** The built command line (`npm run build` makes it; `npm test` runs the build first). */
export const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')

/**
 * Run the real CLI in a subprocess, as CI would (`CI=true`: no progress line).
 *
 * @param argv
 *   Arguments after `guidex`.
 * @returns
 *   Exit status, stdout and stderr.
 */
export function guidex(...argv: string[]) {
  const result = spawnSync(process.execPath, [cli, ...argv], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

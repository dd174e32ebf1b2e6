/**
 * Hand-written expectations of documents (`test/fixtures/corpus/*.expected.json`
 * for `input/`, `expected-by-hand.json` in a fixture folder), checked the same
 * way for the corpus and for variants:
 * metadata, every numbered paragraph and its items, headings and levels,
 * page-split and hard-wrapped text joined, no running header, footer or
 * contents line left in the content.
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { allParagraphs, allSections, extractRepositoryFile, repositoryRoot } from './helpers.js'

/** One expectation file. */
interface Expected {
  file: string
  metadata: Record<string, unknown>
  numberedParagraphs: { number: string; startsWith: string; endsWith: string; items: string[] }[]
  headings: { heading: string; level?: number }[]
  headingsComplete?: boolean
  joined: string[]
  absent: string[]
}

/**
 * Check every expectation file against the document it names.
 *
 * @param expectationFiles
 *   Expectation files (`*.expected.json`, `expected-by-hand.json`), from the
 *   repository root.
 * @param inputs
 *   The documents (from the repository root) that must each have one.
 */
export function checkExpectations(
  expectationFiles: readonly string[],
  inputs: readonly string[],
): void {
  const fixtures = [...expectationFiles].sort()

  it('has an expectation for every document', () => {
    const expectedFiles = fixtures.map(
      (name) =>
        (JSON.parse(readFileSync(path.join(repositoryRoot, name), 'utf8')) as Expected).file,
    )
    expect(expectedFiles.sort()).toEqual([...inputs].sort())
  })

  for (const name of fixtures) {
    const expected = JSON.parse(readFileSync(path.join(repositoryRoot, name), 'utf8')) as Expected

    describe(expected.file, () => {
      const { record, file } = extractRepositoryFile(expected.file)
      const paragraphs = allParagraphs(record)
      const sections = allSections(record.sections)
      const texts = [
        ...paragraphs.flatMap((paragraph) => [paragraph.text, ...paragraph.items]),
        ...sections.map((section) => section.heading),
      ]

      it('extracts without errors', () => {
        // A message's string never holds its severity: a fatal message is an error.
        expect(file.messages.filter((message) => message.fatal === true).map(String)).toEqual([])
        // The processor ran to its compiler: the file's value is the record as JSON.
        expect(JSON.parse(String(file.value))).toEqual(record)
      })

      it('reads the metadata', () => {
        const { committee, projectTeam, updates, ...rest } = expected.metadata as {
          committee: { name: string; role: string }[]
          projectTeam: { name: string; role: string }[]
          updates: { date: string; text: string }[]
        }
        for (const [key, value] of Object.entries(rest)) {
          expect({ key, value: record.metadata[key as keyof typeof record.metadata] }).toEqual({
            key,
            value,
          })
        }
        expect(record.metadata.committee.map(({ name, role }) => ({ name, role }))).toEqual(
          committee,
        )
        expect(record.metadata.projectTeam.map(({ name, role }) => ({ name, role }))).toEqual(
          projectTeam,
        )
        expect(record.metadata.updates.map(({ date, text }) => ({ date, text }))).toEqual(updates)
      })

      it('has every numbered paragraph, none invented, with its items', () => {
        const numbered = paragraphs.filter((paragraph) => paragraph.number !== null)
        expect(numbered.map((paragraph) => paragraph.number)).toEqual(
          expected.numberedParagraphs.map((paragraph) => paragraph.number),
        )
        for (const [index, want] of expected.numberedParagraphs.entries()) {
          const got = numbered[index]
          expect(got?.text.startsWith(want.startsWith), `${want.number} starts`).toBe(true)
          expect(
            got?.text.endsWith(want.endsWith),
            `${want.number} ends: ${got?.text.slice(-60)}`,
          ).toBe(true)
          expect(got?.items, `${want.number} items`).toEqual(want.items)
        }
      })

      it('has the document’s own headings and levels', () => {
        const actual = sections.map((section) => ({
          heading: section.heading,
          level: section.level,
        }))
        if (expected.headingsComplete !== false) {
          expect(actual).toEqual(expected.headings)
          return
        }
        // A partial list: each expected heading in order (a subsequence).
        let cursor = 0
        for (const want of expected.headings) {
          const found = actual.findIndex(
            (heading, index) => index >= cursor && heading.heading === want.heading,
          )
          expect(found, `heading ${want.heading}`).toBeGreaterThanOrEqual(0)
          if (want.level !== undefined) expect(actual[found]?.level, want.heading).toBe(want.level)
          cursor = found + 1
        }
      })

      it.each(expected.joined)('joins a split paragraph: %s', (phrase) => {
        expect(texts.some((text) => text.includes(phrase))).toBe(true)
      })

      it.each(expected.absent)('leaves no page furniture or contents line: %s', (text) => {
        expect(texts.filter((candidate) => candidate.includes(text))).toEqual([])
      })
    })
  }
}

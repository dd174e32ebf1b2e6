/**
 * The reader seam: the format sniffed from the bytes (`%PDF-` within the
 * first 1024 bytes, whatever the file is called), the text reader behind the
 * same interface as the PDF reader, and `extractDocument` reading first and
 * then running the processor.
 */

import { describe, expect, it } from 'vitest'
import { createPipeline } from '../pipeline/create-pipeline.js'
import { extractDocument, hasFailed } from '../pipeline/extract-document.js'
import { readDocument } from '../pipeline/readers/read-document.js'
import { sniffFormat } from '../pipeline/readers/sniff-format.js'
import { readText } from '../pipeline/readers/read-text.js'
import { ReaderError } from '../pipeline/readers/reader.js'

const encode = (text: string) => new TextEncoder().encode(text)

describe('sniffFormat', () => {
  it.each([
    ['a PDF signature at the start', '%PDF-1.7\n%âãÏÓ\n', 'pdf'],
    ['a PDF signature after junk bytes', `${'x'.repeat(1000)}%PDF-1.4`, 'pdf'],
    ['a PDF signature past the first 1024 bytes', `${'x'.repeat(1020)}%PDF-1.4`, 'text'],
    ['text that mentions PDF', 'Download the PDF version: %PDF is not a signature', 'text'],
    ['an empty file', '', 'text'],
  ])('%s', (_name, content, format) => {
    expect(sniffFormat(encode(content))).toBe(format)
  })
})

describe('readers', () => {
  it('reads text as the text it decodes to, without a layout', async () => {
    const bytes = encode('\uFEFFTitle\r\n\r\nText.\r\n')
    expect(readText(bytes)).toEqual({ format: 'text', text: '\uFEFFTitle\r\n\r\nText.\r\n' })
    expect(await readDocument(bytes)).toEqual(readText(bytes))
  })

  it('rejects bad text with a reader error at its place', async () => {
    const bytes = Uint8Array.from([...encode('Title\n\nAb'), 0xc3, 0x28, 0x0a])
    const error = await readDocument(bytes).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ReaderError)
    expect(error).toMatchObject({ ruleId: 'invalid-utf8', line: 3, column: 3 })
  })
})

describe('extractDocument', () => {
  const processor = createPipeline()

  it('reads, then runs the processor', async () => {
    const file = await extractDocument(
      encode('Title\n\nwww.nice.org.uk/guidance/ipg123\n\nText.\n'),
      'a.txt',
      processor,
    )
    expect(hasFailed(file)).toBe(false)
    expect(file.data.record?.metadata.guidanceId).toBe('IPG123')
  })

  it('sends a PDF, whatever its name, to the PDF reader', async () => {
    // Valid UTF-8 that the text reader would read; a broken PDF to the PDF
    // reader, whose error is the file's content error, not a crash.
    const file = await extractDocument(encode('%PDF-1.7\n1 0 obj\n'), 'guidance.txt', processor)
    expect(hasFailed(file)).toBe(true)
    expect(file.messages).toHaveLength(1)
    expect(file.messages[0]?.ruleId).not.toBe('internal')
    expect(file.data.record).toBeUndefined()
  })
})

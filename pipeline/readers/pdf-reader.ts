/**
 * The PDF reader: the bytes of a PDF into its text layer and layout, with
 * PDF.js (loaded on the first PDF read).
 *
 * Pages are read one at a time and let go (`page.cleanup()`), so memory
 * holds one page's PDF.js objects beside the text written so far; the
 * document is destroyed on every path. A PDF that asks for a password, has
 * no text on any page, is truncated or cannot be parsed is a
 * `ReaderError` with its reason and rule id; every PDF.js step is bounded
 * in time, so a malformed file rejects rather than waits.
 */

import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js'
import { type ReadDocument, ReaderError, readerRule } from './reader.js'
import { defaultLineSpacing, layOutPage } from './pdf/page-layout.js'
import { documentOptions, loadPdfJs, type PdfJsModule } from './pdf/pdfjs.js'
import { rulesOf } from './pdf/rules.js'
import { TextLayerWriter } from './pdf/text-layer.js'
import { textPieces } from './pdf/text-pieces.js'
import { sniffFormat } from './sniff-format.js'

/** Options of `readPdf`. */
export interface PdfReaderOptions {
  /** Most pages a PDF may have (default: `5000`): a longer one is a `ReaderError`. */
  maximumPages?: number
  /** Longest one PDF.js step (opening the file, reading one page) may take, in milliseconds (default: `60000`). */
  stepTimeout?: number
  /** Where to add the time spent in each part of the reading, for the bench (optional). */
  timings?: PdfReaderTimings
}

/** Milliseconds spent in each part of reading PDFs (added to by each read). */
export interface PdfReaderTimings {
  /** Loading PDF.js (the first read of a thread) and opening the document. */
  open: number
  /** `page.getTextContent()`. */
  textContent: number
  /** `page.getOperatorList()` (rules and fonts' names). */
  operatorList: number
  /** This reader's own work: lines, tables, blocks, the text layer. */
  layout: number
  /** Pages read. */
  pages: number
}

/** The end-of-file marker must stand within this many bytes of the end. */
const endWindow = 1024

/** A font is bold by its name (`Inter-SemiBold`, `Helvetica-Bold`, `Arial Black`). */
const boldFontName = /bold|black|heavy|demi/i

/**
 * Read a PDF.
 *
 * @param bytes
 *   The PDF's bytes (not changed: PDF.js reads a copy).
 * @param options
 *   Options (optional).
 * @returns
 *   The text layer (`format: 'pdf'`) and its layout.
 * @throws {ReaderError}
 *   For a PDF this reader cannot read (rejects the promise).
 * @throws {TypeError}
 *   For bad options.
 */
export async function readPdf(
  bytes: Uint8Array,
  options: PdfReaderOptions = {},
): Promise<ReadDocument> {
  const maximumPages = options.maximumPages ?? 5000
  const stepTimeout = options.stepTimeout ?? 60_000
  if (!Number.isInteger(maximumPages) || maximumPages < 1) {
    throw new TypeError('Expected `maximumPages` to be an integer from 1 and up')
  }
  if (!(stepTimeout > 0)) throw new TypeError('Expected `stepTimeout` to be a number above 0')
  if (sniffFormat(bytes) !== 'pdf') {
    throw new ReaderError(
      'Unexpected file without `%PDF-` in its first 1024 bytes, expected a PDF',
      readerRule.corrupt,
    )
  }
  if (!endsWithEndOfFile(bytes)) {
    throw new ReaderError(
      'Unexpected end of the PDF, expected `%%EOF` at its end: the file is truncated',
      readerRule.truncated,
    )
  }
  const timings = options.timings
  const opening = performance.now()
  const pdfjs = await loadPdfJs()
  // A copy PDF.js may detach, and a plain `Uint8Array` (a Node `Buffer`'s
  // `slice()` is a `Buffer`, which PDF.js refuses).
  const task = pdfjs.getDocument(documentOptions(pdfjs, new Uint8Array(bytes)))
  try {
    const document = await step(task.promise, stepTimeout, 'opening the PDF').catch(
      (error: unknown) => {
        throw openingError(error)
      },
    )
    if (timings) timings.open += performance.now() - opening
    if (document.numPages > maximumPages) {
      throw new ReaderError(
        `Unexpected PDF of ${document.numPages} pages, expected at most ${maximumPages}`,
        readerRule.tooManyPages,
      )
    }
    return await readPages(document, pdfjs, stepTimeout, timings)
  } finally {
    await task.destroy()
  }
}

/** Read every page into the text layer, one page at a time. */
async function readPages(
  document: PDFDocumentProxy,
  pdfjs: PdfJsModule,
  stepTimeout: number,
  timings: PdfReaderTimings | undefined,
): Promise<ReadDocument> {
  const writer = new TextLayerWriter()
  const boldFonts = new Map<string, boolean>()
  let lineSpacing = defaultLineSpacing
  for (let number = 1; number <= document.numPages; number++) {
    /** A step of reading this page: bounded in time, its failure a `ReaderError`. */
    const pageStep = <T>(promise: Promise<T>) =>
      step(promise, stepTimeout, `reading page ${number}`).catch((error: unknown) => {
        throw pageError(number, error)
      })
    const started = performance.now()
    const page = await pageStep(document.getPage(number))
    try {
      const content = await pageStep(
        page.getTextContent({ includeMarkedContent: true, disableNormalization: true }),
      )
      const contentRead = performance.now()
      // The operator list (rules, and the fonts' names) only where there is
      // text: a scanned page's images are not decoded for nothing.
      const hasText = content.items.some((item) => 'str' in item && item.str.trim() !== '')
      const operators = hasText
        ? await pageStep(page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }))
        : { fnArray: [], argsArray: [] }
      const operatorsRead = performance.now()
      const isBold = (fontName: string) => {
        let bold = boldFonts.get(fontName)
        if (bold === undefined) {
          bold = fontIsBold(page, fontName)
          boldFonts.set(fontName, bold)
        }
        return bold
      }
      const laidOut = layOutPage(
        textPieces(content, isBold),
        rulesOf(operators, pdfjs),
        lineSpacing,
      )
      if (laidOut.lineSpacing !== undefined) lineSpacing = laidOut.lineSpacing
      const [x0, y0, x1, y1] = page.view as [number, number, number, number]
      writer.addPage(number, { width: x1 - x0, height: y1 - y0 }, laidOut.blocks)
      if (timings) {
        timings.textContent += contentRead - started
        timings.operatorList += operatorsRead - contentRead
        timings.layout += performance.now() - operatorsRead
        timings.pages++
      }
    } finally {
      page.cleanup()
    }
  }
  if (!writer.hasText) {
    throw new ReaderError(
      'Unexpected PDF without text: no text layer: scanned PDFs need OCR, which guidex does not do',
      readerRule.noTextLayer,
    )
  }
  const { text, layout } = writer.finish()
  return { format: 'pdf', text, layout }
}

/** Whether a font (by PDF.js's name for it) is bold: by its flags or its name. */
function fontIsBold(page: PDFPageProxy, fontName: string): boolean {
  if (!page.commonObjs.has(fontName)) return false
  const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean; black?: boolean }
  return font.bold === true || font.black === true || boldFontName.test(font.name ?? '')
}

/** Whether `%%EOF` stands near the end of the bytes. */
function endsWithEndOfFile(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(
    Math.max(0, bytes.byteLength - endWindow),
  )
  return tail.includes('%%EOF', 0, 'latin1')
}

/** A PDF.js step, rejected with a `ReaderError` if it takes too long. */
function step<T>(promise: Promise<T>, timeout: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new ReaderError(`PDF.js took more than ${timeout} ms ${what}`, readerRule.timeout)),
      timeout,
    )
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

/** The reason PDF.js could not open a PDF, as a `ReaderError`. */
function openingError(error: unknown): unknown {
  if (error instanceof ReaderError) return error
  const name = (error as { name?: unknown } | null)?.name
  const reason = error instanceof Error ? error.message : String(error)
  if (name === 'PasswordException') {
    return new ReaderError(
      'Unexpected encrypted PDF, expected one that opens without a password',
      readerRule.encrypted,
    )
  }
  return new ReaderError(`Cannot read the PDF: ${reason}`, readerRule.corrupt)
}

/** The reason PDF.js could not read a page, as a `ReaderError`. */
function pageError(number: number, error: unknown): unknown {
  if (error instanceof ReaderError) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new ReaderError(`Cannot read page ${number} of the PDF: ${reason}`, readerRule.corrupt)
}

/**
 * Stage `extractStatements`: a quality standard's statements, each with its
 * rationale, its quality measures (structure, process, outcome; each with
 * its numerator, denominator and data source) and its source guidance, read
 * from the sections sectionize built:
 *
 * ```
 * Quality statement 1: Presentation with suspected endometriosis
 *   Quality statement    Women presenting with suspected endometriosis have …
 *   Rationale            By performing an abdominal and, if appropriate, …
 *   Quality measures     Structure  a) Evidence of local arrangements …  Data source: …
 *                        Process    a) Proportion of women …  Numerator – …  Denominator – …
 *   Source guidance      Endometriosis: diagnosis and management. NICE guideline NG73 …
 * ```
 */

import type { VFile } from 'vfile'
import type { Paragraph, QualityMeasure, QualityStatement, Section } from '../types.js'
import {
  measureKind,
  measureLabel,
  measurePart,
  statementHeading,
} from '../vocabulary/quality-standards.js'

declare module 'vfile' {
  interface DataMap {
    /** A quality standard's statements. */
    statements: QualityStatement[]
  }
}

/**
 * Attach the stage.
 *
 * @returns
 *   Transformer.
 */
export function extractStatements() {
  return (_tree: unknown, file: VFile): void => {
    const statements: QualityStatement[] = []
    const visit = (sections: readonly Section[]) => {
      for (const section of sections) {
        const heading = statementHeading.exec(section.heading)
        if (heading && section.sections.length > 0) statements.push(readStatement(section, heading))
        else visit(section.sections)
      }
    }
    visit(file.data.sections ?? [])
    file.data.statements = statements
  }
}

/** One statement from its section. */
function readStatement(section: Section, heading: RegExpExecArray): QualityStatement {
  const part = (name: RegExp) => section.sections.find((child) => name.test(child.heading))
  const text = (child: Section | undefined) =>
    child
      ? allParagraphs(child)
          .map((paragraph) => wholeText(paragraph))
          .join('\n') || null
      : null
  return {
    number: Number(heading[1]),
    title: (heading[2] as string).trim(),
    statement: text(part(/^quality statement$/i)),
    rationale: text(part(/^rationale$/i)),
    measures: readMeasures(part(/^quality measures$/i)),
    sourceGuidance: text(part(/^source guidance$/i))?.split('\n')[0] ?? null,
    source: section.source,
  }
}

/** The paragraphs of a section and of its subsections, in order. */
function allParagraphs(section: Section): Paragraph[] {
  return [...section.paragraphs, ...section.sections.flatMap((child) => allParagraphs(child))]
}

/** A paragraph's prose and items in order, as one text. */
function wholeText(paragraph: Paragraph): string {
  return paragraph.content.map((part) => part.text).join(' ') || paragraph.text
}

/**
 * The measures of a `Quality measures` section: each kind's heading (or a
 * paragraph opening with it) starts its measures, a label starts a lettered
 * one, and numerator, denominator and data source go on the measure before.
 */
function readMeasures(section: Section | undefined): QualityMeasure[] {
  if (!section) return []
  const measures: QualityMeasure[] = []
  let kind: QualityMeasure['kind'] | undefined
  let measure: QualityMeasure | undefined
  const read = (paragraph: Paragraph) => {
    let text = wholeText(paragraph).trim()
    const named = measureKind.exec(text)
    if (named) {
      kind = (named[1] as string).toLowerCase() as QualityMeasure['kind']
      measure = undefined
      text = text.slice(named[0].length)
      if (text === '') return
    }
    if (!kind) return
    const labelled = measureLabel.exec(text)
    const partOf = measurePart.exec(text)
    if (partOf && measure) {
      const value = text.slice(partOf[0].length).trim()
      const name = (partOf[1] as string).toLowerCase()
      if (name === 'numerator') measure.numerator = value
      else if (name === 'denominator') measure.denominator = value
      else measure.dataSource = value
      return
    }
    if (labelled || !measure) {
      measure = {
        kind,
        label: labelled ? (labelled[1] as string) : null,
        text: labelled ? text.slice(labelled[0].length) : text,
        numerator: null,
        denominator: null,
        dataSource: null,
        source: paragraph.source,
      }
      measures.push(measure)
      return
    }
    measure.text = `${measure.text} ${text}`
  }
  const walk = (current: Section) => {
    const named = measureKind.exec(current.heading)
    if (named && current !== section) {
      kind = (named[1] as string).toLowerCase() as QualityMeasure['kind']
      measure = undefined
    }
    for (const paragraph of current.paragraphs) read(paragraph)
    for (const child of current.sections) walk(child)
  }
  walk(section)
  return measures
}

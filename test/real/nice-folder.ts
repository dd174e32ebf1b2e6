/**
 * Where the real-document suite finds NICE's documents: `../shared/nice/`,
 * read in place at run time, never copied into the repository; each
 * document as the PDF and poppler's two renderings of it.
 */

import path from 'node:path'
import { repositoryRoot } from '../helpers.js'

/** The folder of NICE's PDFs and their renderings. */
export const nice = path.resolve(repositoryRoot, '..', 'shared', 'nice')

/** The renderings of each document: the PDF itself and poppler's two texts, by the folder and name ending they are in. */
export const renderings = {
  pdf: { folder: 'pdf', extension: '.pdf' },
  plain: { folder: 'text-plain', extension: '.txt' },
  layout: { folder: 'text-layout', extension: '.txt' },
} as const

/** A rendering's name. */
export type Rendering = keyof typeof renderings

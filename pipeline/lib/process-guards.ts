/**
 * How the command line behaves as a process: it obeys SIGINT, SIGTERM and
 * SIGHUP within a second (writes under way settle, temporary files are
 * removed, the output folder's lock is let go, then it exits with 128 + the
 * signal's number), and a closed stdout or stderr (`guidex … | head -1`)
 * does not stop the run: what cannot be printed is dropped, the files are
 * still written.
 */

import { stopWriting } from './atomic-write.js'

/** Exit statuses of the signals obeyed (128 + the signal's number). */
const exitStatus = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const

/**
 * Obey SIGINT, SIGTERM and SIGHUP (see above).
 *
 * @param first
 *   What to do first, at once (clear a progress line) (optional).
 * @returns
 *   Nothing.
 */
export function obeySignals(first?: () => void): void {
  for (const signal of Object.keys(exitStatus) as (keyof typeof exitStatus)[]) {
    process.once(signal, () => {
      first?.()
      // The worker threads end with the process.
      void stopWriting().finally(() => process.exit(exitStatus[signal]))
    })
  }
}

/**
 * Keep going when stdout or stderr is closed (EPIPE): later lines are
 * dropped. Any other error of the streams is thrown as before.
 *
 * @returns
 *   Nothing.
 */
export function survivePipeClose(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      // Nothing more reaches the reader: stop trying (each write would fail again).
      stream.write = () => true
    })
  }
}

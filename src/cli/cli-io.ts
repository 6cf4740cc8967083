/**
 * The process surface a command uses (streams, environment, Ctrl-C), so that commands stay
 * testable and never reach for `process` directly.
 *
 * @module
 */

/**
 * A writable text stream with the TTY facts the commands look at.
 *
 * @example
 * ```ts
 * const out: CliOutput = process.stdout
 * ```
 */
export interface CliOutput {
  write(text: string): unknown
  readonly isTTY?: boolean | undefined
  readonly columns?: number | undefined
}

/**
 * The readable side: stdin, with the TTY facts the password prompt and the shell need.
 *
 * @example
 * ```ts
 * const input: CliInput = process.stdin
 * ```
 */
export type CliInput = NodeJS.ReadableStream & {
  readonly isTTY?: boolean | undefined
  setRawMode?(mode: boolean): unknown
}

/**
 * What a command gets from the process.
 *
 * @example
 * ```ts
 * await runQueryCommand(['select 1'], processIo())
 * ```
 */
export interface CliIo {
  readonly stdin: CliInput
  readonly stdout: CliOutput
  readonly stderr: CliOutput
  readonly env: Readonly<Record<string, string | undefined>>
  /** Subscribes to Ctrl-C (SIGINT); returns the unsubscribe function. */
  onInterrupt(listener: () => void): () => void
  /** Ends the process at once (a second Ctrl-C). */
  exit(code: number): void
}

/**
 * The real process: `process.stdin/stdout/stderr`, `process.env` and SIGINT.
 *
 * @example
 * ```ts
 * const io = processIo()
 * ```
 */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onInterrupt(listener) {
      process.on('SIGINT', listener)
      return () => void process.off('SIGINT', listener)
    },
    exit: (code) => process.exit(code),
  }
}

// Commands reach the process only through CliIo, so tests can drive them.

export interface CliOutput {
  write(text: string): unknown
  readonly isTTY?: boolean | undefined
  readonly columns?: number | undefined
}

export type CliInput = NodeJS.ReadableStream & {
  readonly isTTY?: boolean | undefined
  setRawMode?(mode: boolean): unknown
}

export interface CliIo {
  readonly stdin: CliInput
  readonly stdout: CliOutput
  readonly stderr: CliOutput
  readonly env: Readonly<Record<string, string | undefined>>
  /** Returns the unsubscribe function. */
  onInterrupt(listener: () => void): () => void
  /** Ends the process at once (a second Ctrl-C). */
  exit(code: number): void
}

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

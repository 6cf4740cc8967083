import type { CliIo } from './cli-io.js'

/**
 * Runs `work` with a signal that Ctrl-C aborts (a second Ctrl-C exits at once); an aborted run
 * prints `cancelled` and resolves status 130. `close` runs in every case.
 */
export async function runCancellable(
  io: CliIo,
  cancelled: string,
  close: () => Promise<void>,
  work: (signal: AbortSignal) => Promise<number>,
): Promise<number> {
  const abort = new AbortController()
  let interrupts = 0
  const off = io.onInterrupt(() => {
    interrupts++
    if (interrupts > 1) io.exit(130)
    abort.abort(new Error('interrupted (Ctrl-C)'))
  })
  try {
    return await work(abort.signal)
  } catch (error) {
    if (abort.signal.aborted && (error as Error)?.name === 'AbortError') {
      io.stderr.write(`${cancelled}\n`)
      return 130
    }
    throw error
  } finally {
    off()
    await close()
  }
}

import type { E6dataClient, ExplainAnalyzeResult } from '../driver/index.js'
import type { CliOutput } from './cli-io.js'
import { ProgressLine } from './progress-line.js'
import type { ResultWriter } from './result-writer.js'

export interface RunStatementOptions {
  readonly writer: ResultWriter
  readonly stderr: CliOutput
  /** Whether stdout is the same terminal, so the progress line is erased before rows are written. */
  readonly stdoutIsTTY: boolean
  readonly signal: AbortSignal
  /** Stop after this many rows (the query is cancelled on the engine); default: no cap. */
  readonly maxRows?: number | undefined
  readonly timeoutMs?: number | undefined
  /** Also fetch the query's explainAnalyze when it was read to the end. */
  readonly explainAnalyze?: boolean
}

export interface StatementOutcome {
  readonly rows: number
  readonly ms: number
  /** The row cap was reached and the rest of the result was not read. */
  readonly capped: boolean
  readonly analysis: ExplainAnalyzeResult | undefined
}

/**
 * Each batch goes to `writer` as it arrives, so the first rows show before the last is read. An
 * abort cancels the query on the engine and rejects with an `AbortError`.
 */
export async function runStatement(
  client: E6dataClient,
  sql: string,
  params: readonly unknown[] | undefined,
  options: RunStatementOptions,
): Promise<StatementOutcome> {
  const { writer } = options
  const progress = new ProgressLine(options.stderr)
  const started = performance.now()
  let rows = 0
  let capped = false
  let analysis: ExplainAnalyzeResult | undefined
  const cap = options.maxRows ?? Number.POSITIVE_INFINITY
  progress.start()
  try {
    const stream = client.stream(sql, params, {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      onColumns: (columns) => writer.columns(columns),
      ...(options.explainAnalyze
        ? {
            onExplainAnalyze: (a) => {
              analysis = a
            },
          }
        : {}),
    })
    for await (const batch of stream) {
      let arrays = batch.toArrays()
      if (rows + arrays.length > cap) {
        arrays = arrays.slice(0, cap - rows)
        capped = true
      }
      if (options.stdoutIsTTY) progress.clear()
      writer.rows(arrays)
      rows += arrays.length
      progress.add(arrays.length)
      if (capped || rows >= cap) {
        capped = true
        break
      }
    }
  } finally {
    progress.stop()
  }
  writer.end()
  return { rows, ms: performance.now() - started, capped, analysis }
}

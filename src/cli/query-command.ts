import { parseArgs } from 'node:util'
import type { CliIo } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'
import { CONNECTION_FLAGS, CONNECTION_USAGE } from './connection-settings.js'
import { openClient } from './open-client.js'
import { parseParam } from './parse-param.js'
import { readStatement } from './read-statement.js'
import { createResultWriter, OUTPUT_FORMATS, type OutputFormat } from './result-writer.js'
import { runCancellable } from './run-cancellable.js'
import { runStatement } from './run-statement.js'

export const QUERY_USAGE = `Usage: kysely-e6data query [options] ["<sql>" | -]

Runs one statement and prints its result on stdout; the row count and time go to stderr.
The statement comes from the argument, --file, or stdin.

Options
  -f, --file <file>         read the statement from <file>
  -F, --format <format>     table | csv | tsv | json | ndjson
                            (default: table on a terminal, ndjson when piped)
  -p, --param <value>       value of the next ? placeholder (repeatable), rendered by the driver's
                            literal renderer: 42 (exact integer), 12.30 (exact decimal), true, null,
                            text, or typed: string:42 int:7 number:1.5 decimal:1.10 bool:true
                            date:2024-01-31 timestamp:2024-01-31T10:00:00Z null:
      --timeout <ms>        cancel the query after <ms> milliseconds
  -q, --quiet               no row count and time on stderr
  -h, --help                show this help

Ctrl-C cancels the query on the engine and exits with status 130.

${CONNECTION_USAGE}`

const OPTIONS = {
  ...CONNECTION_FLAGS,
  file: { type: 'string', short: 'f' },
  format: { type: 'string', short: 'F' },
  param: { type: 'string', short: 'p', multiple: true },
  timeout: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Default: `table` on a terminal, else `ndjson`. */
export function outputFormat(text: string | undefined, tty: boolean): OutputFormat {
  if (text === undefined) return tty ? 'table' : 'ndjson'
  if ((OUTPUT_FORMATS as readonly string[]).includes(text)) return text as OutputFormat
  throw new CliUsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${text}`)
}

export function summaryLine(rows: number, ms: number): string {
  return `(${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}, ${(ms / 1000).toFixed(3)} s)`
}

export async function runQueryCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv)
  if (values.help) {
    io.stdout.write(QUERY_USAGE)
    return 0
  }
  const format = outputFormat(values.format, io.stdout.isTTY === true)
  const params = values.param?.map(parseParam)
  const timeoutMs = values.timeout === undefined ? undefined : parseTimeout(values.timeout)
  const sql = await readStatement(positionals, values.file, io.stdin)

  const opened = await openClient(values, io)
  return runCancellable(io, 'query cancelled', opened.close, async (signal) => {
    const writer = createResultWriter(format, (text) => void io.stdout.write(text))
    const outcome = await runStatement(opened.client, sql, params, {
      writer,
      stderr: io.stderr,
      stdoutIsTTY: io.stdout.isTTY === true,
      signal,
      timeoutMs,
    })
    if (!values.quiet) io.stderr.write(`${summaryLine(outcome.rows, outcome.ms)}\n`)
    return 0
  })
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${QUERY_USAGE}`)
  }
}

function parseTimeout(text: string): number {
  const ms = Number(text)
  if (!(/^\d+$/.test(text) && ms > 0)) {
    throw new CliUsageError(`--timeout must be a positive number of milliseconds, got ${text}`)
  }
  return ms
}

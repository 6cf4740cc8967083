import { parseArgs } from 'node:util'
import { StrategyCache, type StrategyColour } from '../driver/index.js'
import type { CliIo } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'
import { CONNECTION_FLAGS, CONNECTION_USAGE } from './connection-settings.js'
import { openClient } from './open-client.js'

export const PING_USAGE = `Usage: kysely-e6data ping [options]

Authenticates and runs one round trip (a schema call). Prints the endpoint, the detected
blue/green strategy, the string-literal rule and the latency; exits 0 when healthy, 1 when not.

Options
      --json                one JSON object instead of text
      --timeout <ms>        give up after <ms> milliseconds (default 10000)
  -h, --help                show this help

${CONNECTION_USAGE}`

const OPTIONS = {
  ...CONNECTION_FLAGS,
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export interface PingReport {
  readonly ok: boolean
  readonly endpoint: string
  readonly user: string
  readonly catalog?: string | undefined
  readonly database?: string | undefined
  readonly strategy?: StrategyColour | null | undefined
  /** The `stringEscape` option. */
  readonly stringEscape?: string | undefined
  /** The rule the engine follows, measured by the client's probe. */
  readonly stringEscapeDetected?: string | undefined
  /** Channel + authenticate + the first schema call. */
  readonly connectMs?: number | undefined
  /** A second schema call on the warm session. */
  readonly roundTripMs?: number | undefined
  readonly error?: string | undefined
}

export async function runPingCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let values: ReturnType<typeof parse>
  try {
    values = parse(argv)
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${PING_USAGE}`)
  }
  if (values.help) {
    io.stdout.write(PING_USAGE)
    return 0
  }
  const timeoutMs = values.timeout === undefined ? 10_000 : Number(values.timeout)
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new CliUsageError(`--timeout must be a positive number of milliseconds`)
  }
  const strategyCache = new StrategyCache()
  const opened = await openClient(values, io, {
    strategyCache,
    retry: { attempts: 2 },
    autoResume: false,
  })
  const { client, connection } = opened
  let strategy: StrategyColour | null = null
  client.on('strategy:changed', (change) => {
    strategy = change.to
  })
  const base = {
    endpoint: connection.endpoint,
    user: connection.options.username,
    catalog: client.options.catalog,
    database: client.options.database,
    stringEscape: client.options.stringEscape,
  }
  let report: PingReport
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const connectMs = await client.ping({ signal })
    const roundTripMs = await client.ping({ signal })
    // measured (one probe query): a rule that differs from an explicit option fails the ping
    const stringEscapeDetected = await client.detectStringEscape({ signal })
    report = { ok: true, ...base, strategy, stringEscapeDetected, connectMs, roundTripMs }
  } catch (error) {
    const e = error as Error
    const reason =
      signal.aborted && e?.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : e?.message
    report = { ok: false, ...base, strategy, error: `${e?.name ?? 'Error'}: ${reason}` }
  } finally {
    await opened.close()
  }
  io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : pingText(report))
  return report.ok ? 0 : 1
}

export function pingText(r: PingReport): string {
  const ms = (v: number | undefined) => (v === undefined ? '-' : `${v.toFixed(1)} ms`)
  const where =
    r.catalog === undefined
      ? '(none: V1 RPCs)'
      : `${r.catalog}${r.database === undefined ? '' : ` (database ${r.database})`}`
  const lines = [
    `endpoint      ${r.endpoint}`,
    `user          ${r.user}`,
    `catalog       ${where}`,
    `strategy      ${r.strategy ?? (r.ok ? 'none (engine without blue/green)' : 'unknown')}`,
    `string rule   ${r.stringEscapeDetected ?? '-'} (engine; configured ${r.stringEscape ?? '-'})`,
  ]
  if (r.ok) {
    lines.push(`connect       ${ms(r.connectMs)} (channel, authenticate, first call)`)
    lines.push(`round trip    ${ms(r.roundTripMs)}`)
    lines.push('OK')
  } else lines.push(`FAILED        ${r.error}`)
  return `${lines.join('\n')}\n`
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true })
    .values
}

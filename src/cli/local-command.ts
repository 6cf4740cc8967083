/**
 * `npx kysely-e6data local …`: runs the local engine in the foreground, prints where it listens
 * and the credentials, reads admin commands from stdin and stops cleanly on SIGINT/SIGTERM or
 * `quit`.
 *
 * <!-- README:cli -->
 * ```
 * npx kysely-e6data local [--port 9000] [--host 127.0.0.1] [--no-sample-data] [--data [name=]path …] [--database file.duckdb]
 *                         [--batch-size n] [--big-table-rows n] [--tls-cert cert.pem --tls-key key.pem [--tls-client-ca ca.pem]]
 *                         [--strategy blue|green] [--string-escape backslash|standard] [--resume-delay-ms n]
 *                         [--time-zone UTC] [--memory-limit 2GB] [--temp-directory dir] [--stream-results]
 * ```
 * stdin commands: `expire` · `switch [drainMs]` · `switch-now` · `suspend` · `resume` ·
 * `fail-next-resume` · `fault <rpc> <http 456|http 503|grpc <code>|delay <ms>|drop|corrupt|truncate> [times] [after]` ·
 * `clear-faults` · `calls` · `status` · `help` · `quit`
 * <!-- /README:cli -->
 *
 * @module
 */

import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import {
  type Fault,
  type LocalEngine,
  type LocalEngineOptions,
  startLocalEngine,
} from '../local/index.js'
import type { StringEscapeMode } from '../sql/index.js'
import type { StrategyColour } from '../wire/index.js'

/**
 * Streams and hooks the CLI uses (injectable for tests).
 *
 * @example
 * ```ts
 * await runLocalCli(['--port', '0'], { stdin, stdout: process.stdout, stderr: process.stderr, handleSignals: false })
 * ```
 */
export interface LocalCliIo {
  readonly stdin: Readable
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown }
  /** Install SIGINT/SIGTERM handlers (default true). */
  readonly handleSignals?: boolean
  /** Called once the engine listens (tests use it). */
  readonly onStarted?: (engine: LocalEngine) => void
}

const USAGE = `Usage: kysely-e6data local [options]

Runs a local e6data-compatible engine (gRPC on loopback, DuckDB inside).

Options:
  --port <n>                 TCP port (default 9000; 0 = any free port)
  --host <addr>              loopback address (default 127.0.0.1)
  --no-sample-data           do not create the sample catalog local.demo
  --data [name=]path         serve your Parquet/CSV/JSON files, directories, globs or DuckDB
                             files in place (repeatable; see "Your own data" in the README)
  --database <file>          DuckDB database file (default in-memory)
  --batch-size <n>           rows per result batch (default 10000)
  --big-table-rows <n>       rows of local.demo.events (default 1000000)
  --tls-cert <file>          PEM certificate (with --tls-key) to serve TLS
  --tls-key <file>           PEM private key
  --tls-client-ca <file>     PEM CA for client certificates: require mutual TLS
  --strategy <blue|green>    initially active colour (default blue)
  --string-escape <mode>     backslash (default, e6 rule) or standard
  --resume-delay-ms <n>      time spent in 'resuming' (default 2000)
  --time-zone <iana>         session time zone of TIMESTAMP_TZ values (default UTC)
  --memory-limit <size>      DuckDB memory limit, e.g. 2GB (held results spill beyond it)
  --temp-directory <dir>     where DuckDB spills (default: a private directory, removed on exit)
  --stream-results           serve rows while DuckDB produces them instead of running each
                             query to completion on execute (row count/status then partial)
  -h, --help                 show this help

stdin commands: expire | switch [drainMs] | switch-now | suspend | resume | fail-next-resume |
  fault <rpc> <http 456|http 503|grpc <code>|delay <ms>|drop|corrupt|truncate> [times] [after] |
  clear-faults | calls | status | help | quit
`

function integer(flag: string, value: string | undefined): number {
  const n = Number(value)
  if (value === undefined || !Number.isSafeInteger(n) || n < 0) {
    throw new Error(`${flag} needs a non-negative integer`)
  }
  return n
}

/**
 * Parses CLI arguments into engine options (`undefined` for `--help`).
 *
 * @example
 * ```ts
 * parseLocalCliArgs(['--port', '9000', '--no-sample-data']) // { port: 9000, sampleData: false }
 * ```
 */
export function parseLocalCliArgs(argv: readonly string[]): LocalEngineOptions | undefined {
  const args = argv[0] === 'local' ? argv.slice(1) : [...argv]
  const options: {
    -readonly [K in keyof LocalEngineOptions]: LocalEngineOptions[K]
  } = { port: 9000 }
  let cert: string | undefined
  let key: string | undefined
  let clientCa: string | undefined
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string
    const [name, inline] =
      flag.startsWith('--') && flag.includes('=') ? flag.split(/=(.*)/s) : [flag]
    const next = () => (inline !== undefined ? inline : args[++i])
    switch (name) {
      case '-h':
      case '--help':
        return undefined
      case '--port':
        options.port = integer(name, next())
        break
      case '--host':
        options.host = next()
        break
      case '--no-sample-data':
        options.sampleData = false
        break
      case '--database':
        options.database = next()
        break
      case '--batch-size':
        options.batchSize = integer(name, next())
        break
      case '--big-table-rows':
        options.bigTableRows = integer(name, next())
        break
      case '--tls-cert':
        cert = next()
        break
      case '--tls-key':
        key = next()
        break
      case '--tls-client-ca':
        clientCa = next()
        break
      case '--strategy':
        options.strategy = next() as StrategyColour
        break
      case '--string-escape':
        options.stringEscape = next() as StringEscapeMode
        break
      case '--resume-delay-ms':
        options.resumeDelayMs = integer(name, next())
        break
      case '--data': {
        const spec = next()
        if (spec === undefined || spec === '') throw new Error('--data needs [name=]path')
        options.data = [...(options.data ?? []), spec]
        break
      }
      case '--time-zone':
        options.timeZone = next()
        break
      case '--memory-limit':
        options.memoryLimit = next()
        break
      case '--temp-directory':
        options.tempDirectory = next()
        break
      case '--stream-results':
        options.streamResults = true
        break
      default:
        throw new Error(`unknown option ${flag}`)
    }
  }
  if ((cert === undefined) !== (key === undefined)) {
    throw new Error('--tls-cert and --tls-key go together')
  }
  if (clientCa !== undefined && cert === undefined) {
    throw new Error('--tls-client-ca needs --tls-cert and --tls-key')
  }
  if (cert !== undefined && key !== undefined) {
    options.tls = {
      cert: readFileSync(cert),
      key: readFileSync(key),
      ...(clientCa === undefined ? {} : { clientCa: readFileSync(clientCa) }),
    }
  }
  return options
}

/**
 * Parses a `fault …` stdin command (without the word `fault`).
 *
 * @example
 * ```ts
 * parseFaultCommand(['executeStatementV2', 'http', '503', '2'])
 * // { rpc: 'executeStatementV2', fault: { kind: 'http', status: 503 }, times: 2 }
 * ```
 */
export function parseFaultCommand(words: readonly string[]): {
  rpc: string
  fault: Fault
  times: number
} {
  const after = words.includes('after')
  const [rpc, kind, ...rest] = words.filter((w) => w !== 'after')
  if (!rpc || !kind) throw new Error('usage: fault <rpc> <kind> [arg] [times] [after]')
  const takesArg = kind === 'http' || kind === 'grpc' || kind === 'delay'
  const arg = takesArg ? rest[0] : undefined
  const timesText = takesArg ? rest[1] : rest[0]
  const times = timesText === undefined ? 1 : integer('times', timesText)
  let fault: Fault
  switch (kind) {
    case 'http':
      fault = { kind: 'http', status: integer('status', arg), after }
      break
    case 'grpc':
      fault = { kind: 'grpc', code: integer('code', arg), message: 'injected fault', after }
      break
    case 'delay':
      fault = { kind: 'delay', ms: integer('ms', arg), after }
      break
    case 'drop':
      fault = { kind: 'drop', after }
      break
    case 'corrupt':
    case 'truncate':
      fault = { kind }
      break
    default:
      throw new Error(`unknown fault kind ${kind}`)
  }
  return { rpc, fault, times }
}

async function runCommand(engine: LocalEngine, line: string, io: LocalCliIo): Promise<boolean> {
  const [command, ...words] = line.trim().split(/\s+/)
  const say = (text: string) => io.stdout.write(`${text}\n`)
  switch (command) {
    case undefined:
    case '':
      return true
    case 'expire':
      engine.control.expireSessions()
      say('all sessions expired')
      return true
    case 'switch': {
      const drainMs = words[0] === undefined ? undefined : integer('drainMs', words[0])
      say(`switching strategy from ${engine.strategy} (announce, drain ${drainMs ?? 10_000} ms)`)
      void engine.control
        .switchStrategy({ drainMs })
        .then(() => say(`strategy is now ${engine.strategy}`))
      return true
    }
    case 'switch-now':
      await engine.control.switchStrategy({ immediate: true })
      say(`strategy is now ${engine.strategy}`)
      return true
    case 'suspend':
      engine.control.suspend()
      say('cluster suspended')
      return true
    case 'resume':
      say('resuming…')
      void engine.control.resume().then(() => say(`cluster ${engine.control.clusterState}`))
      return true
    case 'fail-next-resume':
      engine.control.failNextResume()
      say('the next resume will fail')
      return true
    case 'fault': {
      const { rpc, fault, times } = parseFaultCommand(words)
      engine.control.injectFault(rpc, fault, times)
      say(`fault armed on ${rpc} for ${times} call(s): ${JSON.stringify(fault)}`)
      return true
    }
    case 'clear-faults':
      engine.control.clearFaults()
      say('faults cleared')
      return true
    case 'calls':
      say(JSON.stringify(engine.control.calls()))
      return true
    case 'status':
      say(
        JSON.stringify({
          cluster: engine.control.clusterState,
          strategy: engine.strategy,
          sessions: engine.control.sessions(),
          openQueries: engine.control.openQueries(),
          runningQueries: engine.control.runningQueries(),
        }),
      )
      return true
    case 'help':
      say(USAGE.slice(USAGE.indexOf('stdin commands')))
      return true
    case 'quit':
    case 'exit':
      return false
    default:
      say(`unknown command ${JSON.stringify(command)} (try help)`)
      return true
  }
}

/**
 * Runs the local engine CLI until SIGINT/SIGTERM, `quit` on stdin, or stdin closing after `quit`.
 * Resolves once the engine is closed; rejects (after printing usage) on bad arguments.
 *
 * @example
 * ```ts
 * await runLocalCli(['--port', '9000'])
 * ```
 */
export async function runLocalCli(
  argv: readonly string[],
  io: LocalCliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<void> {
  let options: LocalEngineOptions | undefined
  try {
    options = parseLocalCliArgs(argv)
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`)
    throw error
  }
  if (options === undefined) {
    io.stdout.write(USAGE)
    return
  }
  const engine = await startLocalEngine(options)
  const { user, password } = engine.credentials
  io.stdout.write(
    [
      `kysely-e6data local engine listening on ${engine.address} (${engine.tls ? 'TLS' : 'plaintext'})`,
      `  user:      ${user}`,
      `  password:  ${password}`,
      `  catalog:   ${engine.catalog}`,
      `  schema:    ${engine.schema}`,
      `  strategy:  ${engine.strategy}`,
      `  startup:   ${Math.round(engine.startupMs)} ms`,
      ...engine.dataSources.map(
        (d) =>
          `  data:      ${[d.catalog, d.schema, d.table].filter(Boolean).join('.')} ← ${d.source} (${d.format})`,
      ),
      'Type "help" for admin commands; Ctrl-C stops.',
      '',
    ].join('\n'),
  )
  io.onStarted?.(engine)

  await new Promise<void>((resolve) => {
    let stopping = false
    const lines = createInterface({ input: io.stdin, terminal: false })
    const stop = (reason: string) => {
      if (stopping) return
      stopping = true
      if (io.handleSignals !== false) {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
      }
      lines.close()
      io.stdout.write(`stopping (${reason})…\n`)
      void engine.close().then(() => {
        io.stdout.write('stopped\n')
        resolve()
      })
    }
    const onSignal = (signal: NodeJS.Signals) => stop(signal)
    if (io.handleSignals !== false) {
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
    }
    lines.on('line', (line) => {
      runCommand(engine, line, io).then(
        (keepGoing) => {
          if (!keepGoing) stop('quit')
        },
        (error: unknown) => io.stderr.write(`error: ${(error as Error).message}\n`),
      )
    })
  })
}

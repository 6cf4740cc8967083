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

/** Streams and hooks of {@link runLocalCli}, injectable for tests. */
export interface LocalCliIo {
  readonly stdin: Readable
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown }
  /** Install SIGINT/SIGTERM handlers (default true). */
  readonly handleSignals?: boolean
  readonly onStarted?: (engine: LocalEngine) => void
}

/** Engine options and the TLS file names, read once all flags are known. */
type Parsed = LocalEngineOptions & {
  readonly cert?: string | undefined
  readonly key?: string | undefined
  readonly clientCa?: string | undefined
}

interface LocalFlag {
  readonly flag: string
  /** How the value is shown (`<n>`); flags without one take no value. */
  readonly arg?: string
  readonly help: string
  readonly set: (value: string | undefined, parsed: Parsed) => Partial<Parsed>
}

// The parser, --help and the README's table all read this list, so they cannot disagree.
const FLAGS: readonly LocalFlag[] = [
  {
    flag: '--port',
    arg: '<n>',
    help: 'TCP port (default 9000; 0 = any free port)',
    set: (v) => ({ port: integer('--port', v) }),
  },
  {
    flag: '--host',
    arg: '<addr>',
    help: 'loopback address (default 127.0.0.1)',
    set: (v) => ({ host: v }),
  },
  {
    flag: '--no-sample-data',
    help: 'do not create the sample catalog local.demo',
    set: () => ({ sampleData: false }),
  },
  {
    flag: '--data',
    arg: '[name=]path',
    help: 'serve your Parquet/CSV/JSON files, directories, globs or DuckDB files in place (repeatable; see "Your own data" in the README)',
    set: (v, parsed) => {
      if (v === undefined || v === '') throw new Error('--data needs [name=]path')
      return { data: [...(parsed.data ?? []), v] }
    },
  },
  {
    flag: '--database',
    arg: '<file>',
    help: 'DuckDB database file (default in-memory)',
    set: (v) => ({ database: v }),
  },
  {
    flag: '--batch-size',
    arg: '<n>',
    help: 'rows per result batch (default 10000)',
    set: (v) => ({ batchSize: integer('--batch-size', v) }),
  },
  {
    flag: '--big-table-rows',
    arg: '<n>',
    help: 'rows of local.demo.events (default 1000000)',
    set: (v) => ({ bigTableRows: integer('--big-table-rows', v) }),
  },
  {
    flag: '--tls-cert',
    arg: '<file>',
    help: 'PEM certificate (with --tls-key) to serve TLS',
    set: (v) => ({ cert: v }),
  },
  {
    flag: '--tls-key',
    arg: '<file>',
    help: 'PEM private key',
    set: (v) => ({ key: v }),
  },
  {
    flag: '--tls-client-ca',
    arg: '<file>',
    help: 'PEM CA for client certificates: require mutual TLS',
    set: (v) => ({ clientCa: v }),
  },
  {
    flag: '--strategy',
    arg: '<blue|green>',
    help: 'initially active colour (default blue)',
    set: (v) => ({ strategy: v as StrategyColour }),
  },
  {
    flag: '--string-escape',
    arg: '<mode>',
    help: 'backslash (default, e6 rule) or standard',
    set: (v) => ({ stringEscape: v as StringEscapeMode }),
  },
  {
    flag: '--resume-delay-ms',
    arg: '<n>',
    help: "time spent in 'resuming' (default 2000)",
    set: (v) => ({ resumeDelayMs: integer('--resume-delay-ms', v) }),
  },
  {
    flag: '--time-zone',
    arg: '<iana>',
    help: 'session time zone of TIMESTAMP_TZ values (default UTC)',
    set: (v) => ({ timeZone: v }),
  },
  {
    flag: '--memory-limit',
    arg: '<size>',
    help: 'DuckDB memory limit, e.g. 2GB (held results spill beyond it)',
    set: (v) => ({ memoryLimit: v }),
  },
  {
    flag: '--temp-directory',
    arg: '<dir>',
    help: 'where DuckDB spills (default: a private directory, removed on exit)',
    set: (v) => ({ tempDirectory: v }),
  },
  {
    flag: '--stream-results',
    help: 'serve rows while DuckDB produces them instead of running each query to completion on execute (row count/status then partial)',
    set: () => ({ streamResults: true }),
  },
]

interface StdinCommand {
  readonly usage: string
  readonly help: string
  /** Resolves false to stop the engine. */
  readonly run: (
    engine: LocalEngine,
    words: readonly string[],
    say: (text: string) => void,
  ) => boolean | Promise<boolean>
}

const FAULT_KINDS = 'http 456|http 503|grpc <code>|delay <ms>|drop|corrupt|truncate'

const COMMANDS: Readonly<Record<string, StdinCommand>> = {
  expire: {
    usage: 'expire',
    help: 'expire every session (clients must authenticate again)',
    run: (engine, _, say) => {
      engine.control.expireSessions()
      say('all sessions expired')
      return true
    },
  },
  switch: {
    usage: 'switch [drainMs]',
    help: 'blue/green switch: announce, drain (default 10000 ms), cut over',
    run: (engine, words, say) => {
      const drainMs = words[0] === undefined ? undefined : integer('drainMs', words[0])
      say(`switching strategy from ${engine.strategy} (announce, drain ${drainMs ?? 10_000} ms)`)
      void engine.control
        .switchStrategy({ drainMs })
        .then(() => say(`strategy is now ${engine.strategy}`))
      return true
    },
  },
  'switch-now': {
    usage: 'switch-now',
    help: 'switch the strategy at once',
    run: async (engine, _, say) => {
      await engine.control.switchStrategy({ immediate: true })
      say(`strategy is now ${engine.strategy}`)
      return true
    },
  },
  suspend: {
    usage: 'suspend',
    help: 'suspend the cluster (drops sessions and queries; calls get HTTP 503)',
    run: (engine, _, say) => {
      engine.control.suspend()
      say('cluster suspended')
      return true
    },
  },
  resume: {
    usage: 'resume',
    help: 'resume the cluster (after --resume-delay-ms)',
    run: (engine, _, say) => {
      say('resuming…')
      void engine.control.resume().then(() => say(`cluster ${engine.control.clusterState}`))
      return true
    },
  },
  'fail-next-resume': {
    usage: 'fail-next-resume',
    help: 'the next resume ends in `failed`',
    run: (engine, _, say) => {
      engine.control.failNextResume()
      say('the next resume will fail')
      return true
    },
  },
  fault: {
    usage: `fault <rpc> <${FAULT_KINDS}> [times] [after]`,
    help: 'fail the next `times` (default 1) calls of an RPC; `after`: once the handler ran',
    run: (engine, words, say) => {
      const { rpc, fault, times } = parseFaultCommand(words)
      engine.control.injectFault(rpc, fault, times)
      say(`fault armed on ${rpc} for ${times} call(s): ${JSON.stringify(fault)}`)
      return true
    },
  },
  'clear-faults': {
    usage: 'clear-faults',
    help: 'disarm every fault',
    run: (engine, _, say) => {
      engine.control.clearFaults()
      say('faults cleared')
      return true
    },
  },
  calls: {
    usage: 'calls',
    help: 'calls per RPC so far (JSON)',
    run: (engine, _, say) => {
      say(JSON.stringify(engine.control.calls()))
      return true
    },
  },
  status: {
    usage: 'status',
    help: 'cluster state, strategy, sessions, open and running queries (JSON)',
    run: (engine, _, say) => {
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
    },
  },
  help: {
    usage: 'help',
    help: 'list these commands',
    run: (_engine, _, say) => {
      say(COMMANDS_TEXT)
      return true
    },
  },
  quit: { usage: 'quit', help: 'stop the engine (also `exit`, Ctrl-C)', run: () => false },
}

const ALIASES: Readonly<Record<string, string>> = { exit: 'quit' }

function flagUsage(f: LocalFlag): string {
  return f.arg === undefined ? f.flag : `${f.flag} ${f.arg}`
}

const cell = (text: string) => text.replaceAll('|', '\\|')

/** The README's table of the command's flags and stdin commands. */
export function localCliMarkdown(): string {
  return [
    '| option | |',
    '|---|---|',
    ...FLAGS.map((f) => `| \`${cell(flagUsage(f))}\` | ${cell(f.help)} |`),
    '',
    '| stdin command | |',
    '|---|---|',
    ...Object.values(COMMANDS).map((c) => `| \`${cell(c.usage)}\` | ${cell(c.help)} |`),
    '',
  ].join('\n')
}

const HELP_COLUMN = 29
const LINE_WIDTH = 100

function helpLine(usage: string, help: string): string {
  const lines = usage.length + 2 < HELP_COLUMN ? [] : [`  ${usage}`]
  let line = lines.length === 0 ? `  ${usage}`.padEnd(HELP_COLUMN) : ' '.repeat(HELP_COLUMN)
  let empty = true
  for (const word of help.split(' ')) {
    if (!empty && line.length + 1 + word.length > LINE_WIDTH) {
      lines.push(line)
      line = ' '.repeat(HELP_COLUMN)
      empty = true
    }
    line += empty ? word : ` ${word}`
    empty = false
  }
  return [...lines, line].join('\n')
}

const COMMANDS_TEXT = `stdin commands:\n${Object.values(COMMANDS)
  .map((c) => helpLine(c.usage, c.help))
  .join('\n')}\n`

const USAGE = `Usage: kysely-e6data local [options]

Runs a local e6data-compatible engine (gRPC on loopback, DuckDB inside).

Options:
${[...FLAGS.map((f) => helpLine(flagUsage(f), f.help)), helpLine('-h, --help', 'show this help')].join('\n')}

${COMMANDS_TEXT}`

function integer(flag: string, value: string | undefined): number {
  const n = Number(value)
  if (value === undefined || !Number.isSafeInteger(n) || n < 0) {
    throw new Error(`${flag} needs a non-negative integer`)
  }
  return n
}

/** Engine options from the command's arguments; `undefined` for `--help`. */
export function parseLocalCliArgs(argv: readonly string[]): LocalEngineOptions | undefined {
  const args = argv[0] === 'local' ? argv.slice(1) : [...argv]
  let parsed: Parsed = { port: 9000 }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg]
    if (name === '-h' || name === '--help') return undefined
    const flag = FLAGS.find((f) => f.flag === name)
    if (flag === undefined) throw new Error(`unknown option ${arg}`)
    const value = flag.arg === undefined ? undefined : inline !== undefined ? inline : args[++i]
    parsed = { ...parsed, ...flag.set(value, parsed) }
  }
  const { cert, key, clientCa, ...options } = parsed
  if ((cert === undefined) !== (key === undefined)) {
    throw new Error('--tls-cert and --tls-key go together')
  }
  if (clientCa !== undefined && cert === undefined) {
    throw new Error('--tls-client-ca needs --tls-cert and --tls-key')
  }
  if (cert === undefined || key === undefined) return options
  const tls = {
    cert: readFileSync(cert),
    key: readFileSync(key),
    ...(clientCa === undefined ? {} : { clientCa: readFileSync(clientCa) }),
  }
  return { ...options, tls }
}

/** A `fault …` stdin command's words after `fault`. */
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
  const [word = '', ...words] = line.trim().split(/\s+/)
  const say = (text: string) => void io.stdout.write(`${text}\n`)
  if (word === '') return true
  const command = Object.hasOwn(COMMANDS, word)
    ? COMMANDS[word]
    : Object.hasOwn(ALIASES, word)
      ? COMMANDS[ALIASES[word] as string]
      : undefined
  if (command === undefined) {
    say(`unknown command ${JSON.stringify(word)} (try help)`)
    return true
  }
  return command.run(engine, words, say)
}

/**
 * Runs the local engine until SIGINT/SIGTERM or `quit` on stdin; resolves once it is closed,
 * rejects (after printing usage) on bad arguments.
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

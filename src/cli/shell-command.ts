import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import type { E6dataClient, ExplainAnalyzeResult } from '../driver/index.js'
import { lexingDependsOnRule, type StringEscapeMode } from '../sql/index.js'
import type { CliIo } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'
import { CONNECTION_FLAGS, CONNECTION_USAGE } from './connection-settings.js'
import { analysisTotals, analyzedPlan, planText } from './explain-command.js'
import { type OpenedClient, openClient } from './open-client.js'
import { createResultWriter, OUTPUT_FORMATS, type OutputFormat } from './result-writer.js'
import { runStatement } from './run-statement.js'
import { splitStatements } from './split-statements.js'

export const SHELL_USAGE = `Usage: kysely-e6data shell [options]

Interactive SQL shell. End each statement with ; (statements may span lines). Results stream as
they arrive; at most --max-rows rows are shown (the query is then stopped on the engine).
Ctrl-C cancels the running query and keeps the shell; \\q or Ctrl-D quits. \\? lists the meta
commands.

Options
  -F, --format <format>     table | csv | tsv | json | ndjson (default table)
      --max-rows <n>        rows shown per statement (default 1000)
      --history <file>      history file (default ~/.kysely_e6data_history; E6DATA_HISTORY)
      --no-history          keep no history file
  -h, --help                show this help

${CONNECTION_USAGE}`

const HELP = `Meta commands
  \\dn                 list schemas of the catalog
  \\dt [schema]        list tables (default: the connection's database)
  \\d [schema.]table   list a table's columns and types
  \\analyze            the last statement's explainAnalyze (plan and totals)
  \\explain <sql>      the plan of a statement (not run)
  \\format [format]    show or set the output format (table, csv, tsv, json, ndjson)
  \\timing [on|off]    toggle the row count and time after each statement
  \\maxrows [n]        show or set the display cap
  \\q                  quit (also Ctrl-D, exit, quit)
  \\?                  this help
Ctrl-C cancels the running statement (or clears the current input).
`

const OPTIONS = {
  ...CONNECTION_FLAGS,
  format: { type: 'string', short: 'F' },
  'max-rows': { type: 'string' },
  history: { type: 'string' },
  'no-history': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

const HISTORY_SIZE = 1_000

interface ShellState {
  format: OutputFormat
  timing: boolean
  maxRows: number
  lastAnalysis: ExplainAnalyzeResult | undefined
  lastNote: string
  running: AbortController | undefined
}

export async function runShellCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let values: ReturnType<typeof parse>
  try {
    values = parse(argv)
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${SHELL_USAGE}`)
  }
  if (values.help) {
    io.stdout.write(SHELL_USAGE)
    return 0
  }
  const state: ShellState = {
    format: parseFormat(values.format ?? 'table'),
    timing: true,
    maxRows: parseMaxRows(values['max-rows'] ?? '1000'),
    lastAnalysis: undefined,
    lastNote: 'no statement has run yet',
    running: undefined,
  }
  const terminal = io.stdin.isTTY === true && io.stdout.isTTY === true
  const historyFile =
    values['no-history'] || !terminal
      ? undefined
      : (values.history ??
        (io.env.E6DATA_HISTORY || join(io.env.HOME || homedir(), '.kysely_e6data_history')))

  const opened = await openClient(values, io)
  const { client, connection } = opened
  const say = (text: string) => void io.stdout.write(text)
  if (terminal)
    say(
      `kysely-e6data shell · ${connection.endpoint}` +
        `${client.options.catalog ? ` · catalog ${client.options.catalog}` : ''}` +
        `${client.options.database ? ` · database ${client.options.database}` : ''}\n` +
        `End statements with ; · \\? for help · \\q to quit\n`,
    )

  const rl = createInterface({
    input: io.stdin,
    output: io.stdout as NodeJS.WritableStream,
    terminal,
    prompt: 'e6> ',
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    history: historyFile ? loadHistory(historyFile) : [],
  } as Parameters<typeof createInterface>[0])
  if (historyFile) rl.on('history', (h: string[]) => saveHistory(historyFile, h))

  let buffer = ''
  // without a terminal (piped input) no prompts are printed, as in psql
  const prompt = () => {
    if (terminal) rl.prompt()
  }
  const interrupt = () => {
    if (state.running) {
      state.running.abort(new Error('interrupted (Ctrl-C)'))
      return true
    }
    return false
  }
  rl.on('SIGINT', () => {
    if (interrupt()) return
    buffer = ''
    if (terminal) say('^C\n')
    rl.setPrompt('e6> ')
    prompt()
  })
  const offInterrupt = io.onInterrupt(() => {
    if (!interrupt()) rl.close()
  })

  let status = 0
  try {
    prompt()
    for await (const line of rl) {
      if (buffer.trim() === '' && isMeta(line)) {
        buffer = ''
        const quit = await runMeta(line.trim(), client, state, say, opened).catch((error) => {
          say(`error: ${errorText(error)}\n`)
          return false
        })
        if (quit) break
      } else {
        buffer += `${buffer === '' ? '' : '\n'}${line}`
        const { statements, rest } = splitStatements(buffer, await splitRule(client, buffer))
        buffer = rest.trim() === '' ? '' : rest
        for (const sql of statements) {
          const ok = await runShellStatement(client, sql, state, io)
          if (!ok && !terminal) status = 1
        }
      }
      rl.setPrompt(buffer === '' ? 'e6> ' : '..> ')
      prompt()
    }
    if (buffer.trim() !== '') {
      const ok = await runShellStatement(client, buffer, state, io)
      if (!ok && !terminal) status = 1
    }
  } finally {
    offInterrupt()
    rl.close()
    if (terminal) say('\n')
    await opened.close()
  }
  return status
}

function isMeta(line: string): boolean {
  const t = line.trim()
  return t.startsWith('\\') || ['exit', 'quit', 'help'].includes(t.replace(/;$/, '').toLowerCase())
}

async function runShellStatement(
  client: E6dataClient,
  sql: string,
  state: ShellState,
  io: CliIo,
): Promise<boolean> {
  const abort = new AbortController()
  state.running = abort
  state.lastAnalysis = undefined
  try {
    const outcome = await runStatement(client, sql, undefined, {
      writer: createResultWriter(state.format, (t) => void io.stdout.write(t), {
        streaming: true,
      }),
      stderr: io.stderr,
      stdoutIsTTY: io.stdout.isTTY === true,
      signal: abort.signal,
      maxRows: state.maxRows,
      explainAnalyze: true,
    })
    state.lastAnalysis = outcome.analysis
    state.lastNote = outcome.capped
      ? 'the last statement was stopped at the display cap, so it has no explainAnalyze'
      : 'the engine gave no explainAnalyze for the last statement'
    const rows = `${outcome.rows.toLocaleString('en-US')} row${outcome.rows === 1 ? '' : 's'}`
    const time = state.timing ? `, ${(outcome.ms / 1000).toFixed(3)} s` : ''
    const cap = outcome.capped
      ? ` — display cap reached, the query was stopped (\\maxrows ${state.maxRows * 10} shows more)`
      : ''
    io.stdout.write(`(${rows}${time})${cap}\n`)
    return true
  } catch (error) {
    if (abort.signal.aborted && (error as Error)?.name === 'AbortError') {
      state.lastNote = 'the last statement was cancelled'
      io.stdout.write('cancelled (the query was cancelled on the engine)\n')
    } else {
      state.lastNote = 'the last statement failed'
      io.stdout.write(`error: ${errorText(error)}\n`)
    }
    return false
  } finally {
    state.running = undefined
  }
}

async function runMeta(
  line: string,
  client: E6dataClient,
  state: ShellState,
  say: (text: string) => void,
  opened: OpenedClient,
): Promise<boolean> {
  const [command = '', ...args] = line.replace(/;$/, '').split(/\s+/)
  const arg = args.join(' ')
  switch (command.toLowerCase()) {
    case '\\q':
    case '\\quit':
    case 'exit':
    case 'quit':
      return true
    case '\\?':
    case '\\h':
    case '\\help':
    case 'help':
      say(HELP)
      return false
    case '\\dn': {
      const schemas = await client.schemas()
      say(list('schema', schemas))
      return false
    }
    case '\\dt': {
      const schema = arg || client.options.database
      if (!schema) throw new CliUsageError('\\dt needs a schema (no database is set)')
      say(list('table', await client.tables(schema)))
      return false
    }
    case '\\d': {
      if (!arg) throw new CliUsageError('usage: \\d [schema.]table')
      const dot = arg.lastIndexOf('.')
      const schema = dot > 0 ? arg.slice(0, dot) : client.options.database
      const table = dot > 0 ? arg.slice(dot + 1) : arg
      if (!schema) throw new CliUsageError('\\d needs schema.table (no database is set)')
      const columns = await client.columns(schema, table)
      if (columns.length === 0) say(`no table ${schema}.${table} (or it has no columns)\n`)
      else {
        const w = createResultWriter(state.format, say)
        w.columns([
          { name: 'column', typeName: 'STRING', zone: '', format: '' },
          { name: 'type', typeName: 'STRING', zone: '', format: '' },
        ])
        w.rows(columns.map((c) => [c.name, c.rawType]))
        w.end()
      }
      return false
    }
    case '\\analyze': {
      const a = state.lastAnalysis
      if (!a) say(`${state.lastNote}\n`)
      else {
        const plan = analyzedPlan(a)
        if (plan !== undefined) say(planText(plan))
        say(`totals\n${analysisTotals(a)}`)
      }
      return false
    }
    case '\\explain': {
      if (!arg) throw new CliUsageError('usage: \\explain <sql>')
      say(planText(await client.explain(arg)))
      return false
    }
    case '\\format':
      if (arg) state.format = parseFormat(arg)
      say(`format ${state.format}\n`)
      return false
    case '\\timing':
      state.timing = arg === '' ? !state.timing : parseOnOff(arg)
      say(`timing ${state.timing ? 'on' : 'off'}\n`)
      return false
    case '\\maxrows':
      if (arg) state.maxRows = parseMaxRows(arg)
      say(`maxrows ${state.maxRows}\n`)
      return false
    case '\\conninfo':
      say(`${opened.connection.endpoint} as ${opened.connection.options.username}\n`)
      return false
    default:
      say(`unknown command ${command} (\\? lists them)\n`)
      return false
  }
}

function list(what: string, names: readonly string[]): string {
  if (names.length === 0) return `(no ${what}s)\n`
  return `${names.join('\n')}\n(${names.length} ${what}${names.length === 1 ? '' : 's'})\n`
}

function errorText(error: unknown): string {
  const e = error as Error
  return e?.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : String(e?.message ?? error)
}

function parseFormat(text: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(text)) return text as OutputFormat
  throw new CliUsageError(`format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${text}`)
}

function parseMaxRows(text: string): number {
  const n = Number(text)
  if (!(Number.isSafeInteger(n) && n > 0)) {
    throw new CliUsageError(`max rows must be a positive integer, got ${text}`)
  }
  return n
}

function parseOnOff(text: string): boolean {
  if (text === 'on') return true
  if (text === 'off') return false
  throw new CliUsageError(`expected on or off, got ${text}`)
}

function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).reverse().slice(0, HISTORY_SIZE)
  } catch {
    return []
  }
}

function saveHistory(file: string, history: readonly string[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${[...history].reverse().join('\n')}\n`, { mode: 0o600 })
  } catch {
    // a history file that cannot be written must not break the shell
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true })
    .values
}

/** The engine's rule, measured only when the two rules would split `text` differently. */
async function splitRule(client: E6dataClient, text: string): Promise<StringEscapeMode> {
  const { detected } = client.stringEscape
  if (detected !== undefined) return detected
  return lexingDependsOnRule(text) ? client.detectStringEscape() : 'backslash'
}

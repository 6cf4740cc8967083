import { type CliIo, processIo } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'

const USAGE = `Usage: kysely-e6data <command> [options]

Commands
  query "<sql>"      run one statement and print the result (table, csv, tsv, json, ndjson)
  shell              interactive SQL shell
  ping               check the connection: endpoint, strategy, latency (exit 0/1)
  explain "<sql>"    the engine's plan as a tree; --analyze runs it and adds the timings
  codegen            generate Kysely DB types from a live schema (needs kysely-codegen)
  local              run the local e6data-compatible engine (needs @duckdb/node-api)

Every command takes --help. Connection settings come from flags, E6DATA_* variables or a
profile file; --local starts an embedded local engine for the command.
`

/** Throws errors; {@link runCli} prints them. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'query': {
      const { runQueryCommand } = await import('./query-command.js')
      return runQueryCommand(rest, io)
    }
    case 'shell': {
      const { runShellCommand } = await import('./shell-command.js')
      return runShellCommand(rest, io)
    }
    case 'ping': {
      const { runPingCommand } = await import('./ping-command.js')
      return runPingCommand(rest, io)
    }
    case 'explain': {
      const { runExplainCommand } = await import('./explain-command.js')
      return runExplainCommand(rest, io)
    }
    case 'local': {
      const { runLocalCli } = await import('./local-command.js')
      await runLocalCli(rest)
      return 0
    }
    case 'codegen': {
      const { runCodegenCli } = await import('./codegen-command.js')
      await runCodegenCli(rest, { env: io.env, io })
      return 0
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(USAGE)
      return 0
    default:
      throw new CliUsageError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`)
  }
}

/** The `bin` entry: an error is one stderr line, status 2 for usage errors, else 1. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await main(argv, io)
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`kysely-e6data: ${error.message}\n`)
      return 2
    }
    const e = error as Error
    const name = e?.name && e.name !== 'Error' ? `${e.name}: ` : ''
    io.stderr.write(`kysely-e6data: ${name}${e?.message ?? String(error)}\n`)
    return 1
  }
}

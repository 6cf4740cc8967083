/**
 * The `kysely-e6data` command: dispatches to `local` (start the local e6data engine) and
 * `codegen` (generate Kysely `DB` types from a live schema).
 *
 * @example
 * ```sh
 * npx kysely-e6data local --port 9000
 * npx kysely-e6data codegen --out src/db.ts --schema sales
 * ```
 *
 * @module
 */

const USAGE = `usage: kysely-e6data <command> [options]

commands:
  local     start the local e6data-compatible engine (DuckDB-backed); --help for options
  codegen   generate Kysely DB types from a live e6data schema; --help for options`

/**
 * Runs the CLI with the given arguments (without `node` and the script path).
 *
 * @example
 * ```ts
 * await main(['local', '--port', '9000'])
 * ```
 */
export async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv
  switch (command) {
    case 'local': {
      const { runLocalCli } = await import('./local-command.js')
      return runLocalCli(rest)
    }
    case 'codegen': {
      const { runCodegenCli } = await import('./codegen-command.js').catch((err: unknown) => {
        throw missingPeer(err, 'kysely-codegen')
      })
      return runCodegenCli(rest)
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(USAGE)
      return
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`)
  }
}

/** Turns "cannot find package X" into an actionable message (X is an optional peer dependency). */
function missingPeer(err: unknown, pkg: string): unknown {
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(pkg)) {
    return new Error(`this command needs the optional peer dependency ${pkg}: npm install ${pkg}`, {
      cause: err,
    })
  }
  return err
}

/**
 * `npm run cli -- <command> [options]`: the `kysely-e6data` command line from a clone of this
 * repository (runs the TypeScript sources through tsx, so no build is needed; `npx kysely-e6data`
 * only finds the bin of an installed package).
 */
import { runCli } from '../src/cli/index.js'

process.exitCode = await runCli(process.argv.slice(2))

/**
 * `npm run local -- [options]`: starts the local engine from a clone of this repository (runs the
 * TypeScript sources through tsx, so no build is needed). Same options as `kysely-e6data local`.
 */
import { main } from '../src/cli/index.js'

main(['local', ...process.argv.slice(2)]).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)

#!/usr/bin/env node
// Command-line entry of kysely-e6data: `kysely-e6data local …` and `kysely-e6data codegen …`.
// Runs the compiled CLI from dist/ (built by `npm run build`, which `npm ci` runs via `prepare`).
import { main } from '../dist/cli/index.js'

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})

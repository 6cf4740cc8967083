#!/usr/bin/env node
// Command-line entry of kysely-e6data (query, shell, ping, explain, codegen, local).
// Runs the compiled CLI from dist/ (built by `npm run build`, which `npm ci` runs via `prepare`).
import { runCli } from '../dist/cli/index.js'

process.exitCode = await runCli(process.argv.slice(2))

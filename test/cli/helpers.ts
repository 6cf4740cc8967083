import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LocalEngine } from '../../src/local/index.js'
import { eventually } from '../helpers/eventually.js'

/** The CLI from source, run exactly as bin/kysely-e6data.js runs dist/ (tsx transpiles). */
export const CLI = fileURLToPath(new URL('./fixtures/run-cli.ts', import.meta.url))

/** A child's command line: `node --import tsx run-cli.ts …`. */
export function cliCommand(args: readonly string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', CLI, ...args]]
}

const homes: string[] = []

/** Removes the private HOME directories {@link engineEnv} made (call in `afterAll`). */
export function removeHomes(): void {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true })
}

/** E6DATA_* for an engine, plus a private HOME (no profile or history of the user leaks in). */
export function engineEnv(engine: LocalEngine | undefined): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'e6cli-home-'))
  homes.push(home)
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1' }
  if (engine) {
    const c = engine.connection
    Object.assign(env, {
      E6DATA_HOST: c.host,
      E6DATA_PORT: String(c.port),
      E6DATA_USER: c.username,
      E6DATA_PASSWORD: c.password,
      E6DATA_CATALOG: c.catalog,
      E6DATA_DATABASE: c.database,
    })
  }
  return env
}

export interface CliRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** A running CLI child with its collected output. */
export interface CliChild {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  readonly done: Promise<CliRun>
}

export function startCli(
  args: readonly string[],
  env: Record<string, string>,
  input?: string,
): CliChild {
  const [cmd, argv] = cliCommand(args)
  const child = spawn(cmd, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (t: string) => (stdout += t))
  child.stderr?.setEncoding('utf8').on('data', (t: string) => (stderr += t))
  if (input !== undefined) child.stdin?.end(input)
  const done = new Promise<CliRun>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`CLI timed out: ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`))
    }, 60_000)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
  return { child, stdout: () => stdout, stderr: () => stderr, done }
}

export function runCli(
  args: readonly string[],
  env: Record<string, string>,
  input = '',
): Promise<CliRun> {
  return startCli(args, env, input).done
}

/** {@link eventually} with room for a CLI child process starting under load. */
export const until = (predicate: () => boolean, ms = 20_000): Promise<void> =>
  eventually(predicate, ms)

/** A query that keeps DuckDB busy for many seconds (cancelled by the tests). */
export const LONG_QUERY = 'select sum(a.range * b.range) as s from range(400000) a, range(400000) b'

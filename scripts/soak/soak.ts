/**
 * `npm run soak -- [options]`: a service-like workload against the local engine in its own
 * process — N statements at concurrency C through the plain driver and the Kysely dialect, mixed
 * sizes, ~20 % aborted at a uniformly random moment (every phase gets hit), some streams left with
 * `break`, sessions expired now and then, and optionally the engine SIGKILLed and restarted on the
 * same port. Every row of every statement is checked; the final table reports outcomes by class,
 * wrong results, what the engine still holds after `close()`, client heap/RSS after GC, and each
 * restart's recovery time.
 *
 * Options: --queries N (20000) · --concurrency C (8) · --pool P (8) · --abort-rate R (0.2) ·
 * --restart-every S (off) · --expire-every S (5) · --batch-size N (1000) · --seed N (1) ·
 * --outages 5,30,120 --modes idle,busy (measures recovery after outages of those lengths instead)
 */
import { type ChildProcess, fork } from 'node:child_process'
import { join } from 'node:path'
import { Kysely } from 'kysely'
import { createClient, type E6dataClient, StrategyCache } from '../../src/driver/index.js'
import { E6dataDialect } from '../../src/index.js'
import {
  drawSpec,
  PhaseTracker,
  prng,
  runSoakStatement,
  type SoakOutcome,
  type SoakTarget,
} from './workload.js'

interface Options {
  queries: number
  concurrency: number
  pool: number
  abortRate: number
  restartEverySec: number | undefined
  expireEverySec: number
  batchSize: number
  seed: number
  outages: number[] | undefined
  modes: ('idle' | 'busy')[]
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    queries: 20_000,
    concurrency: 8,
    pool: 8,
    abortRate: 0.2,
    restartEverySec: undefined,
    expireEverySec: 5,
    batchSize: 1_000,
    seed: 1,
    outages: undefined,
    modes: ['idle', 'busy'],
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = argv[++i]
    const num = () => {
      const n = Number(value)
      if (value === undefined || !Number.isFinite(n) || n < 0)
        throw new Error(`${flag} needs a number`)
      return n
    }
    switch (flag) {
      case '--queries':
        o.queries = num()
        break
      case '--concurrency':
        o.concurrency = num()
        break
      case '--pool':
        o.pool = num()
        break
      case '--abort-rate':
        o.abortRate = num()
        break
      case '--restart-every':
        o.restartEverySec = num()
        break
      case '--expire-every':
        o.expireEverySec = num()
        break
      case '--batch-size':
        o.batchSize = num()
        break
      case '--seed':
        o.seed = num()
        break
      case '--outages':
        o.outages = String(value).split(',').map(Number)
        break
      case '--modes':
        o.modes = String(value).split(',') as Options['modes']
        break
      default:
        throw new Error(`unknown option ${flag}`)
    }
  }
  return o
}

interface EngineStats {
  openQueries: number
  runningQueries: number
  sessions: number
  calls: Record<string, number>
}

/** The engine child process (restartable on the same port). */
class EngineProcess {
  #child: ChildProcess | undefined
  #port = 0
  #next = 0
  readonly #pending = new Map<number, (m: { value?: unknown; error?: string }) => void>()
  readonly #batchSize: number

  constructor(batchSize: number) {
    this.#batchSize = batchSize
  }

  get port(): number {
    return this.#port
  }

  /** Starts the engine; resolves when it listens. */
  start(): Promise<number> {
    const child = fork(
      join(import.meta.dirname, 'engine-child.ts'),
      [String(this.#port), String(this.#batchSize)],
      {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    )
    this.#child = child
    return new Promise((resolve, reject) => {
      child.once('error', reject)
      child.on('exit', (code, signal) => {
        if (this.#child === child) this.#child = undefined
        for (const p of this.#pending.values()) p({ error: `engine exited (${signal ?? code})` })
        this.#pending.clear()
      })
      child.on('message', (m: { ready?: number; id?: number; value?: unknown; error?: string }) => {
        if (m.ready !== undefined) {
          this.#port = m.ready
          resolve(m.ready)
        } else if (m.id !== undefined) {
          this.#pending.get(m.id)?.(m)
          this.#pending.delete(m.id)
        }
      })
    })
  }

  /** SIGKILL: no shutdown, no goodbye. */
  kill(): Promise<void> {
    const child = this.#child
    if (!child) return Promise.resolve()
    return new Promise((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  }

  request<T>(cmd: string, args?: unknown): Promise<T> {
    const child = this.#child
    if (!child) return Promise.reject(new Error('engine not running'))
    const id = ++this.#next
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.value as T)))
      child.send({ id, cmd, args })
    })
  }

  async stop(): Promise<void> {
    if (!this.#child) return
    const exited = new Promise((r) => this.#child?.once('exit', r))
    await this.request('close').catch(() => {})
    await exited
  }
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`

function heap(): { heapUsed: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) for (let i = 0; i < 3; i++) gc()
  const m = process.memoryUsage()
  return { heapUsed: m.heapUsed, rss: m.rss }
}

/** Rolling estimate of how long a statement of `rows` rows takes (for uniform abort moments). */
class Durations {
  readonly #ms = new Map<number, number>()
  observe(rows: number, ms: number): void {
    const prev = this.#ms.get(rows)
    this.#ms.set(rows, prev === undefined ? ms : prev * 0.95 + ms * 0.05)
  }
  typical = (rows: number): number => Math.max(1, this.#ms.get(rows) ?? 5 + rows / 500)
}

interface Window {
  readonly from: number
  to: number
}

interface Restart {
  readonly killedAt: number
  readyAt: number
  /** First success of a statement started after the engine listened. */
  firstOkAt: number | undefined
  /** First statement to succeed after the engine listened (including ones that waited for it). */
  firstAnyOkAt: number | undefined
  failuresAfterReady: number
}

function newClient(engine: EngineProcess, options: Options, tracker: PhaseTracker): SoakTarget {
  const client: E6dataClient = createClient({
    host: '127.0.0.1',
    port: engine.port,
    username: 'demo@e6data.local',
    password: 'local-token',
    catalog: 'local',
    database: 'demo',
    poolSize: options.pool,
    tracer: tracker,
    strategyCache: new StrategyCache(),
  })
  const db = new Kysely<any>({ dialect: new E6dataDialect({ client }) })
  return { client, db, tracker }
}

/** The engine in its child process, a client on it and the run's seeded randomness. */
async function startRun(options: Options) {
  const engine = new EngineProcess(options.batchSize)
  await engine.start()
  const target = newClient(engine, options, new PhaseTracker())
  return { engine, target, random: prng(options.seed), durations: new Durations() }
}

async function soak(options: Options): Promise<void> {
  const { engine, target, random, durations } = await startRun(options)
  const counts = new Map<string, number>()
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
  const wrongs: string[] = []
  const outages: Window[] = []
  const expiries: Window[] = []
  const restarts: Restart[] = []
  const unexplained: string[] = []
  let done = 0
  let started = 0
  let heapAt1k: { heapUsed: number; rss: number } | undefined
  const t0 = Date.now()
  let stopping = false

  // expire every session now and then; the re-authentications that follow are held a little,
  // so that the uniformly random aborts hit the authenticate phase too
  const expireTimer = setInterval(() => {
    const window: Window = { from: Date.now(), to: Number.POSITIVE_INFINITY }
    expiries.push(window)
    const fault = { kind: 'delay', ms: 25, after: true }
    void engine
      .request('fault', { rpc: 'authenticate', fault, times: options.pool })
      .then(() => engine.request('expire'))
      .catch(() => {})
      .finally(() => {
        window.to = Date.now()
      })
  }, options.expireEverySec * 1_000)
  let restarting: Promise<void> | undefined
  const restartTimer =
    options.restartEverySec === undefined
      ? undefined
      : setInterval(() => {
          if (stopping || restarting) return
          restarting = (async () => {
            const r: Restart = {
              killedAt: Date.now(),
              readyAt: 0,
              firstOkAt: undefined,
              firstAnyOkAt: undefined,
              failuresAfterReady: 0,
            }
            const window: Window = { from: r.killedAt, to: Number.POSITIVE_INFINITY }
            outages.push(window)
            await engine.kill()
            await engine.start()
            r.readyAt = Date.now()
            restarts.push(r)
          })().finally(() => {
            restarting = undefined
          })
        }, options.restartEverySec * 1_000)

  const record = (outcome: SoakOutcome, startedAt: number, rows: number) => {
    const now = Date.now()
    const restart = restarts.at(-1)
    switch (outcome.kind) {
      case 'ok':
        bump('ok')
        durations.observe(rows, outcome.ms)
        if (restart && restart.readyAt > 0 && restart.firstAnyOkAt === undefined) {
          restart.firstAnyOkAt = now
        }
        if (restart && restart.firstOkAt === undefined && startedAt >= restart.readyAt) {
          restart.firstOkAt = now
          const w = outages.at(-1)
          if (w) w.to = now
        }
        break
      case 'aborted':
        bump(outcome.phase === 'break' ? 'left with break' : `aborted: ${outcome.phase}`)
        break
      case 'wrong':
        bump('wrong result')
        if (wrongs.length < 10) wrongs.push(outcome.detail)
        break
      case 'failed': {
        const name = outcome.error.constructor.name
        const inOutage = outages.some((w) => startedAt <= w.to && outcome.at >= w.from)
        // a statement alive while its session was expired may have lost its query
        const nearExpiry = expiries.some((w) => startedAt <= w.to && outcome.at >= w.from)
        const cause = inOutage ? 'outage' : nearExpiry ? 'session expiry' : 'unexplained'
        bump(`failed (${cause}): ${name}`)
        if (restart && startedAt >= restart.readyAt && restart.firstOkAt === undefined)
          restart.failuresAfterReady++
        if (cause === 'unexplained' && unexplained.length < 10)
          unexplained.push(`${name}: ${outcome.error.message}`)
        break
      }
    }
  }

  const progress = setInterval(() => {
    const s = Math.round((Date.now() - t0) / 1000)
    process.stderr.write(`[${s}s] ${done}/${options.queries} done, ${counts.get('ok') ?? 0} ok\n`)
  }, 5_000)

  const worker = async () => {
    while (started < options.queries) {
      started++
      const spec = drawSpec(random, options.abortRate, durations.typical)
      const at = Date.now()
      const outcome = await runSoakStatement(target, spec)
      record(outcome, at, spec.rows)
      done++
      if (done === 1_000) heapAt1k = heap()
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  stopping = true
  clearInterval(expireTimer)
  if (restartTimer) clearInterval(restartTimer)
  clearInterval(progress)
  await restarting
  const heapEnd = heap()
  const elapsed = (Date.now() - t0) / 1000
  const closeStarted = Date.now()
  await target.db.destroy() // the dialect was given the client: it does not close it
  await target.client.close()
  const closeMs = Date.now() - closeStarted
  const stats = await engine.request<EngineStats>('stats')
  await engine.stop()

  const lines: string[] = []
  const say = (s: string) => lines.push(s)
  say(
    `\nsoak: ${options.queries} statements in ${elapsed.toFixed(1)} s, concurrency ${options.concurrency}, pool ${options.pool}, abort rate ${options.abortRate}, sessions expired every ${options.expireEverySec} s${options.restartEverySec ? `, engine SIGKILLed every ${options.restartEverySec} s` : ''}, seed ${options.seed}, node ${process.version}\n`,
  )
  say('| outcome | statements |')
  say('|---|---:|')
  const order = (k: string) =>
    k === 'ok'
      ? 0
      : k.startsWith('aborted')
        ? 1
        : k === 'left with break'
          ? 2
          : k.startsWith('failed')
            ? 3
            : 4
  for (const [k, v] of [...counts].sort(
    (a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]),
  ))
    say(`| ${k} | ${v} |`)
  const wrong = counts.get('wrong result') ?? 0
  const unexplainedCount = [...counts]
    .filter(([k]) => k.startsWith('failed (unexplained)'))
    .reduce((a, [, v]) => a + v, 0)
  say(`| **wrong results** | **${wrong}** |`)
  say(`| **unexplained failures** | **${unexplainedCount}** |`)
  say('')
  say('| after `client.close()` | value |')
  say('|---|---:|')
  say(`| close() took | ${closeMs} ms |`)
  say(`| engine open queries | **${stats.openQueries}** |`)
  say(`| engine running queries | ${stats.runningQueries} |`)
  say(`| engine sessions (no logout RPC; freed by TTL) | ${stats.sessions} |`)
  say(
    `| engine prepares / clears (since last start) | ${stats.calls.prepareStatementV2 ?? 0} / ${stats.calls.clearOrCancelQuery ?? 0} |`,
  )
  say('')
  say('| client memory after GC | heap used | RSS |')
  say('|---|---:|---:|')
  if (heapAt1k) say(`| after 1 000 statements | ${mb(heapAt1k.heapUsed)} | ${mb(heapAt1k.rss)} |`)
  say(`| after ${options.queries} statements | ${mb(heapEnd.heapUsed)} | ${mb(heapEnd.rss)} |`)
  if (heapAt1k) {
    const growth = (heapEnd.heapUsed - heapAt1k.heapUsed) / heapAt1k.heapUsed
    const per10k = (growth * 10_000) / Math.max(1, options.queries - 1_000)
    say(
      `| heap growth | ${(growth * 100).toFixed(2)} % (${(per10k * 100).toFixed(2)} % per 10k statements) | |`,
    )
  }
  if (!(globalThis as { gc?: unknown }).gc)
    say('(run with node --expose-gc for heap figures after GC)')
  if (restarts.length > 0) {
    say('')
    say(
      '| restart | engine down (kill → listening) | first statement to succeed after it listened | first success of a statement started after that | failures of statements started after it listened |',
    )
    say('|---:|---:|---:|---:|---:|')
    const secs = (t: number | undefined, from: number) =>
      t === undefined ? 'none' : `${((t - from) / 1000).toFixed(2)} s`
    restarts.forEach((r, i) => {
      say(
        `| ${i + 1} | ${secs(r.readyAt, r.killedAt)} | ${secs(r.firstAnyOkAt, r.readyAt)} | ${secs(r.firstOkAt, r.readyAt)} | ${r.failuresAfterReady} |`,
      )
    })
  }
  if (wrongs.length > 0) say(`\nwrong results (first ${wrongs.length}):\n  ${wrongs.join('\n  ')}`)
  if (unexplained.length > 0)
    say(`\nunexplained failures (first ${unexplained.length}):\n  ${unexplained.join('\n  ')}`)
  console.log(lines.join('\n'))
  if (wrong > 0 || stats.openQueries > 0 || unexplainedCount > 0) process.exitCode = 1
}

/** Recovery after outages of the given lengths, with the app idle and with the app busy. */
async function outages(options: Options): Promise<void> {
  const { engine, target, random, durations } = await startRun(options)
  const rows: string[] = []
  const one = () => runSoakStatement(target, { api: 'query', rows: 10 })
  for (let i = 0; i < 50; i++) await one()
  for (const seconds of options.outages ?? []) {
    for (const mode of options.modes) {
      process.stderr.write(`outage ${seconds} s, app ${mode}…\n`)
      let busy = mode === 'busy'
      let readyAt = Number.POSITIVE_INFINITY
      let firstOkAt: number | undefined
      let firstAnyOkAt: number | undefined
      let failuresAfterReady = 0
      let failuresDuring = 0
      const kinds = new Map<string, number>()
      const workers = busy
        ? Array.from({ length: options.concurrency }, async () => {
            while (busy) {
              const spec = drawSpec(random, 0, durations.typical)
              const at = Date.now()
              const o = await runSoakStatement(target, spec)
              if (o.kind === 'ok') {
                const now = Date.now()
                if (now >= readyAt && firstAnyOkAt === undefined) firstAnyOkAt = now
                if (at >= readyAt && firstOkAt === undefined) firstOkAt = now
              } else if (o.kind === 'failed') {
                kinds.set(o.error.constructor.name, (kinds.get(o.error.constructor.name) ?? 0) + 1)
                if (at >= readyAt) failuresAfterReady++
                else failuresDuring++
              } else if (o.kind === 'wrong') throw new Error(o.detail)
            }
          })
        : []
      await new Promise((r) => setTimeout(r, 1_000))
      await engine.kill()
      await new Promise((r) => setTimeout(r, seconds * 1_000))
      await engine.start()
      readyAt = Date.now()
      if (!busy) {
        // idle: the first statement after the engine is back
        for (;;) {
          const o = await one()
          if (o.kind === 'ok') {
            firstOkAt = Date.now()
            break
          }
          failuresAfterReady++
          if (o.kind === 'failed')
            kinds.set(o.error.constructor.name, (kinds.get(o.error.constructor.name) ?? 0) + 1)
        }
      } else {
        while (firstOkAt === undefined) await new Promise((r) => setTimeout(r, 10))
        await new Promise((r) => setTimeout(r, 1_000))
        busy = false
        await Promise.all(workers)
      }
      const rec = ((firstOkAt ?? readyAt) - readyAt) / 1000
      const any =
        mode === 'busy' ? `${(((firstAnyOkAt ?? readyAt) - readyAt) / 1000).toFixed(2)} s` : '—'
      const failed = [...kinds].map(([k, v]) => `${k} ${v}`).join(', ') || '—'
      rows.push(
        `| ${seconds} s | ${mode} | ${any} | ${rec.toFixed(2)} s | ${failuresAfterReady} | ${mode === 'busy' ? failuresDuring : '—'} | ${failed} |`,
      )
    }
  }
  await target.db.destroy()
  await target.client.close()
  const stats = await engine.request<EngineStats>('stats')
  await engine.stop()
  console.log(
    [
      `\nrecovery after engine outages (SIGKILL, restart on the same port), concurrency ${options.concurrency}, pool ${options.pool}, node ${process.version}\n`,
      '| outage | app | first statement to succeed after the engine listens | first success of a statement started after that | failed statements started after it listened | failed during the outage | failures by class |',
      '|---:|---|---:|---:|---:|---:|---|',
      ...rows,
      `\nengine after close(): open queries ${stats.openQueries}, sessions ${stats.sessions}`,
    ].join('\n'),
  )
}

const options = parseArgs(process.argv.slice(2))
;(options.outages ? outages(options) : soak(options)).then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)

/**
 * The soak workload, shared by `npm run soak` and the short soak in `npm test`: statements whose
 * every row is known in advance, run through the plain driver and the Kysely dialect, aborted at a
 * chosen moment (the phase the abort hit is read from the driver's own RPC spans), and checked
 * exactly.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { type Kysely, sql } from 'kysely'
import type {
  E6dataClient,
  SpanLike,
  StartSpanOptions,
  TracerLike,
} from '../../src/driver/index.js'

// The fuzz harness's seeded PRNG (mulberry32), shared with the test that runs this workload
export { prng } from '../../test/wire/fuzz-harness.js'

/** Where an abort landed. */
export type AbortPhase =
  | 'before start'
  | 'authenticate'
  | 'prepare'
  | 'execute'
  | 'metadata'
  | 'fetch'
  | 'mid-stream'
  | 'break'

/** The ways a soak statement is run. */
export type SoakApi = 'query' | 'stream' | 'kysely' | 'kysely-stream'

/** One soak statement. */
export interface SoakSpec {
  readonly api: SoakApi
  readonly rows: number
  /** Abort after this many ms (0: a signal already aborted). */
  readonly abortAfterMs?: number | undefined
  /** Streams: leave with `break` after this many rows. */
  readonly breakAfter?: number | undefined
  /** Kysely streams: chunk size. */
  readonly chunkSize?: number | undefined
  /** Abort when this phase is reached (deterministic soak); wins over `abortAfterMs`. */
  readonly abortAt?: AbortPhase | undefined
}

/** What happened to one soak statement. */
export type SoakOutcome =
  | { readonly kind: 'ok'; readonly ms: number }
  | { readonly kind: 'aborted'; readonly phase: AbortPhase }
  | { readonly kind: 'wrong'; readonly detail: string }
  | { readonly kind: 'failed'; readonly error: Error; readonly at: number }

/** `rows` rows, each `(i, s)` with `i` = 0 … rows−1 and `s` = (i × 7919) mod 1 000 003 as text. */
export function soakSql(rows: number): string {
  return `select range as i, cast(range * 7919 % 1000003 as varchar) as s from range(${rows}) order by i`
}

function rowError(row: unknown, k: number): string | undefined {
  const r = row as { i?: unknown; s?: unknown }
  if (r.i !== BigInt(k)) return `row ${k}: i = ${String(r.i)}`
  if (r.s !== String((k * 7919) % 1_000_003)) return `row ${k}: s = ${String(r.s)}`
  return undefined
}

interface Track {
  /** RPCs in flight for this statement, in start order. */
  readonly inflight: string[]
  rows: number
  /** Resolvers waiting for a phase to start (deterministic aborts). */
  readonly waiters: Map<AbortPhase, () => void>
}

const PHASE_OF_RPC: Record<string, AbortPhase> = {
  authenticate: 'authenticate',
  prepareStatement: 'prepare',
  prepareStatementV2: 'prepare',
  executeStatement: 'execute',
  executeStatementV2: 'execute',
  getResultMetadata: 'metadata',
  getNextResultBatch: 'fetch',
}

const PHASE_ORDER: readonly AbortPhase[] = [
  'authenticate',
  'prepare',
  'execute',
  'metadata',
  'fetch',
]

const NO_SPAN: SpanLike = Object.freeze({
  setAttribute: () => undefined,
  addEvent: () => undefined,
  recordException: () => undefined,
  setStatus: () => undefined,
  end: () => undefined,
})

/**
 * A tracer that records, per soak statement (through AsyncLocalStorage), which RPCs are in flight:
 * the phase an abort hits is read from the driver's own RPC spans.
 */
export class PhaseTracker implements TracerLike {
  readonly #als = new AsyncLocalStorage<Track>()

  startSpan(name: string, options?: StartSpanOptions): SpanLike {
    const track = this.#als.getStore()
    // RPC attempt spans have a parent (their operation span) and are named `Service/method`
    if (!track || options?.parent === undefined) return NO_SPAN
    const rpc = name.slice(name.indexOf('/') + 1)
    track.inflight.push(rpc)
    const phase = PHASE_OF_RPC[rpc]
    if (phase) track.waiters.get(phase)?.()
    let ended = false
    return {
      ...NO_SPAN,
      end: () => {
        if (ended) return
        ended = true
        const i = track.inflight.indexOf(rpc)
        if (i >= 0) track.inflight.splice(i, 1)
      },
    }
  }

  /** Runs `fn` as one tracked statement. */
  run<T>(fn: (track: Track) => Promise<T>): Promise<T> {
    const track: Track = { inflight: [], rows: 0, waiters: new Map() }
    return this.#als.run(track, () => fn(track))
  }

  /**
   * The phase a statement is in right now: `mid-stream` once a row was delivered (a read-ahead
   * fetch may be in flight), else the RPC in flight, else `before start`.
   */
  static phaseOf(track: Track): AbortPhase {
    if (track.rows > 0) return 'mid-stream'
    // the furthest phase in flight: the first batch is requested together with the metadata
    let found: AbortPhase | undefined
    for (const rpc of track.inflight) {
      const phase = PHASE_OF_RPC[rpc]
      if (phase && (found === undefined || PHASE_ORDER.indexOf(phase) > PHASE_ORDER.indexOf(found)))
        found = phase
    }
    return found ?? 'before start'
  }
}

/** What a soak statement runs against. */
export interface SoakTarget {
  readonly client: E6dataClient
  /** The soak's Kysely has no schema: raw SQL only. */
  readonly db: Kysely<any>
  readonly tracker: PhaseTracker
}

/**
 * Runs one statement, aborting it as `spec` says, and checks every row it delivered. Never
 * throws: the outcome says what happened.
 */
export function runSoakStatement(target: SoakTarget, spec: SoakSpec): Promise<SoakOutcome> {
  return target.tracker.run(async (track) => {
    const ac = new AbortController()
    let phase: AbortPhase | undefined
    const abort = (at?: AbortPhase) => {
      if (ac.signal.aborted) return
      // a forced abort names its phase while that phase's RPC is in flight (the metadata and the
      // first batch are in flight together)
      const inPhase = at !== undefined && track.inflight.some((rpc) => PHASE_OF_RPC[rpc] === at)
      phase = inPhase ? at : PhaseTracker.phaseOf(track)
      ac.abort()
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    if (spec.abortAt === 'before start' || spec.abortAfterMs === 0) abort()
    else if (
      spec.abortAt !== undefined &&
      spec.abortAt !== 'mid-stream' &&
      spec.abortAt !== 'break'
    )
      track.waiters.set(spec.abortAt, () => queueMicrotask(() => abort(spec.abortAt)))
    else if (spec.abortAfterMs !== undefined) timer = setTimeout(() => abort(), spec.abortAfterMs)
    const started = performance.now()
    const signal = ac.signal
    let wrong: string | undefined
    const check = (row: unknown) => {
      wrong ??= rowError(row, track.rows)
      track.rows++
    }
    const text = soakSql(spec.rows)
    let broke = false
    try {
      switch (spec.api) {
        case 'query': {
          const { rows } = await target.client.query(text, [], { signal })
          for (const row of rows) check(row)
          break
        }
        case 'kysely': {
          const { rows } = await sql.raw(text).execute(target.db, {
            signal,
            inflightQueryAbortStrategy: 'cancel query',
          })
          for (const row of rows) check(row)
          break
        }
        case 'stream':
          for await (const batch of target.client.stream(text, [], { signal })) {
            await new Promise(setImmediate) // a consumer that does some work per batch
            for (const row of batch.toRows()) {
              check(row)
              if (spec.breakAfter !== undefined && track.rows >= spec.breakAfter) broke = true
              if (spec.abortAt === 'mid-stream' && track.rows === 1) abort()
            }
            if (broke) break
          }
          break
        case 'kysely-stream': {
          const query = target.db
            .selectFrom(sql.raw(`(${text})`).as('t'))
            .selectAll()
            .orderBy('i')
          for await (const row of query.stream({ chunkSize: spec.chunkSize ?? 1_000, signal })) {
            check(row)
            if (spec.abortAt === 'mid-stream' && track.rows === 1) abort()
            if (spec.breakAfter !== undefined && track.rows >= spec.breakAfter) {
              broke = true
              break
            }
          }
          break
        }
      }
    } catch (error) {
      if (signal.aborted && (error as Error)?.name === 'AbortError') {
        if (wrong) return { kind: 'wrong', detail: `${spec.api}: ${wrong}` }
        return { kind: 'aborted', phase: phase ?? 'before start' }
      }
      return { kind: 'failed', error: error as Error, at: Date.now() }
    } finally {
      clearTimeout(timer)
    }
    if (wrong) return { kind: 'wrong', detail: `${spec.api}: ${wrong}` }
    if (broke) return { kind: 'aborted', phase: 'break' }
    if (track.rows !== spec.rows)
      return { kind: 'wrong', detail: `${spec.api}: ${track.rows} rows, expected ${spec.rows}` }
    return { kind: 'ok', ms: performance.now() - started }
  })
}

const SIZES = [1, 1, 10, 10, 100, 100, 1_000, 1_000, 2_500, 5_000, 20_000] as const
const APIS: readonly SoakApi[] = ['query', 'stream', 'kysely', 'kysely-stream']

/**
 * Draws the next statement: mixed sizes and APIs; with probability `abortRate` an abort at a
 * uniformly random moment within `typicalMs(rows)` (a rolling estimate of how long such a
 * statement takes), and some streams left early with `break`.
 */
export function drawSpec(
  random: () => number,
  abortRate: number,
  typicalMs: (rows: number) => number,
): SoakSpec {
  const rows = SIZES[Math.floor(random() * SIZES.length)] as number
  const api = APIS[Math.floor(random() * APIS.length)] as SoakApi
  const chunkSize = [1, 100, 1_000, 7_777][Math.floor(random() * 4)]
  const streaming = api === 'stream' || api === 'kysely-stream'
  const roll = random()
  if (roll < abortRate) {
    return { api, rows, chunkSize, abortAfterMs: Math.floor(random() * typicalMs(rows) * 1.2) }
  }
  if (streaming && roll < abortRate + 0.05 && rows > 1) {
    return { api, rows, chunkSize, breakAfter: 1 + Math.floor(random() * (rows - 1)) }
  }
  return { api, rows, chunkSize }
}

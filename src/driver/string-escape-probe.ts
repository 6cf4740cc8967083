// The string-escape rule (e6-sql.md §2) is probed only when a statement's text depends on it, once
// per endpoint (shared through the strategy cache), and forgotten when the colour changes.

import {
  E6dataAbortError,
  StringEscapeMismatchError,
  StringEscapeProbeError,
  TimeoutError,
} from '../errors.js'
import {
  ruleFromProbeLength,
  STRING_ESCAPE_PROBE_SQL,
  type StringEscapeMode,
} from '../sql/index.js'
import type { OpContext } from './client-core.js'
import { LinkedAbort } from './linked-abort.js'
import { QueryRun, type QueryRunDeps } from './query-run.js'
import { raceSignal } from './run-with-retry.js'

/** The measured rule of one endpoint (held by its {@link StrategyEntry}). */
export class DetectedStringEscape {
  #rule: StringEscapeMode | undefined
  #probe: Promise<StringEscapeMode> | null = null
  #generation = 0

  /** The measured rule, or `undefined` before the first probe (or after a colour change). */
  get rule(): StringEscapeMode | undefined {
    return this.#rule
  }

  /** The endpoint's deployment changed: the next statement that needs the rule re-probes. */
  forget(): void {
    this.#rule = undefined
    this.#generation++
  }

  /** Single-flight; a result arriving after {@link forget} goes to its waiters, not kept. */
  detectOnce(probe: () => Promise<StringEscapeMode>): {
    promise: Promise<StringEscapeMode>
    started: boolean
  } {
    if (this.#probe) return { promise: this.#probe, started: false }
    const generation = this.#generation
    const promise = probe().then((rule) => {
      if (this.#generation === generation) this.#rule = rule
      return rule
    })
    const tracked = promise.finally(() => {
      if (this.#probe === tracked) this.#probe = null
    })
    tracked.catch(() => {})
    this.#probe = tracked
    return { promise: tracked, started: true }
  }
}

/** The caller's signal and deadline (the statement's). */
export interface ProbeOptions {
  readonly signal?: AbortSignal | undefined
  /** The statement's `timeoutMs`, counted from `startedAt`. */
  readonly timeoutMs?: number | undefined
  /** `performance.now()` when the caller's operation began. */
  readonly startedAt?: number | undefined
}

/** The measured rule, checked against an explicit `stringEscape` option. */
export async function engineStringEscape(
  deps: QueryRunDeps,
  options: ProbeOptions,
): Promise<StringEscapeMode> {
  const detected = await detectedRule(deps, options)
  const configured = deps.core.options.stringEscape
  if (configured !== 'auto' && configured !== detected) {
    throw new StringEscapeMismatchError(configured, detected)
  }
  return detected
}

async function detectedRule(deps: QueryRunDeps, options: ProbeOptions): Promise<StringEscapeMode> {
  const cache = deps.core.entry.stringEscape
  for (;;) {
    const known = cache.rule
    if (known !== undefined) return known
    const { promise, started } = cache.detectOnce(() => probe(deps, options))
    try {
      return started ? await promise : await joined(promise, options)
    } catch (error) {
      // another caller's probe ended with that caller's abort or deadline: probe on our session
      if (started || options.signal?.aborted || !callerLeft(error)) throw error
    }
  }
}

function callerLeft(error: unknown): boolean {
  return error instanceof E6dataAbortError || error instanceof TimeoutError
}

async function joined<T>(promise: Promise<T>, options: ProbeOptions): Promise<T> {
  const link = new LinkedAbort([options.signal])
  if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
    const startedAt = options.startedAt ?? performance.now()
    const limitMs = options.timeoutMs
    link.abortAfter(
      limitMs - (performance.now() - startedAt),
      () =>
        new TimeoutError({
          phase: 'prepare',
          rpc: undefined,
          option: 'timeoutMs',
          limitMs,
          elapsedMs: performance.now() - startedAt,
          detail: "waiting for the engine's string-escape rule",
        }),
    )
  }
  try {
    return await raceSignal(promise, link.signal)
  } finally {
    link.dispose()
  }
}

async function probe(deps: QueryRunDeps, options: ProbeOptions): Promise<StringEscapeMode> {
  const { core, slot } = deps
  const started = performance.now()
  const run = new QueryRun(
    deps,
    STRING_ESCAPE_PROBE_SQL,
    { signal: options.signal, timeoutMs: options.timeoutMs, startedAt: options.startedAt },
    'query',
  )
  let length: unknown
  try {
    await slot.adoptStrategy(run.ctx as OpContext)
    await run.start()
    for (let b = await run.fetchBatch(); b !== null; b = await run.fetchBatch()) {
      if (length === undefined && b.rowCount > 0) length = b.value(0, 0, { int64As: 'bigint' })
    }
    await run.close('done')
  } catch (err) {
    const error = run.normalizeError(err)
    const left = callerLeft(error)
    const closing = run.close(left ? 'aborted' : 'error', error)
    if (!run.ctx.signal.aborted) await closing
    if (left) throw error
    throw new StringEscapeProbeError(
      `could not measure the engine's string-escape rule: the probe \`${STRING_ESCAPE_PROBE_SQL}\` failed (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    )
  }
  const rule = ruleFromProbeLength(length)
  if (rule === undefined) {
    throw new StringEscapeProbeError(
      `could not measure the engine's string-escape rule: the probe \`${STRING_ESCAPE_PROBE_SQL}\` returned ${String(length)}, expected 1 (backslash rule) or 2 (standard rule)`,
    )
  }
  const durationMs = Math.round((performance.now() - started) * 10) / 10
  const configured = core.options.stringEscape
  core.log('info', 'string escape rule detected', { rule, configured, durationMs })
  core.emit('stringEscape:detected', { rule, configured, durationMs })
  return rule
}

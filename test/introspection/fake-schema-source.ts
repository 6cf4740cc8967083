import type {
  E6dataColumnInfo,
  E6dataSchemaCallOptions,
  E6dataSchemaSource,
  E6dataSchemaSourceDefaults,
} from '../../src/introspection/index.js'
import { normalizeE6dataType } from '../../src/introspection/index.js'

/** catalog → schema → table → raw column types (`name: rawType`). */
export type FakeCatalogs = Record<string, Record<string, Record<string, Record<string, string>>>>

/** One recorded call of the fake. */
export interface FakeCall {
  readonly method: 'schemas' | 'tables' | 'columns'
  readonly args: readonly (string | undefined)[]
  readonly signal: AbortSignal | undefined
}

/** Options of {@link FakeSchemaSource}. */
export interface FakeSchemaSourceOptions {
  readonly defaults?: E6dataSchemaSourceDefaults
  /** Milliseconds every `columns` call waits (honouring its signal). */
  readonly columnsDelayMs?: number
  /** `schema.table` whose `columns` call fails. */
  readonly failColumnsOf?: string
  /** Catalog used when the caller passes none. */
  readonly defaultCatalog?: string
}

/** In-memory {@link E6dataSchemaSource} that records calls and measures concurrency. */
export class FakeSchemaSource implements E6dataSchemaSource {
  readonly calls: FakeCall[] = []
  readonly options: E6dataSchemaSourceDefaults | undefined
  maxInFlight = 0
  closed = false
  readonly #catalogs: FakeCatalogs
  readonly #config: FakeSchemaSourceOptions
  #inFlight = 0

  constructor(catalogs: FakeCatalogs, config: FakeSchemaSourceOptions = {}) {
    this.#catalogs = catalogs
    this.#config = config
    this.options = config.defaults
  }

  async schemas(catalog?: string, options?: E6dataSchemaCallOptions): Promise<string[]> {
    this.calls.push({ method: 'schemas', args: [catalog], signal: options?.signal })
    return Object.keys(this.#catalog(catalog))
  }

  async tables(
    schema: string,
    catalog?: string,
    options?: E6dataSchemaCallOptions,
  ): Promise<string[]> {
    this.calls.push({ method: 'tables', args: [schema, catalog], signal: options?.signal })
    return Object.keys(this.#catalog(catalog)[schema] ?? {})
  }

  async columns(
    schema: string,
    table: string,
    catalog?: string,
    options?: E6dataSchemaCallOptions,
  ): Promise<E6dataColumnInfo[]> {
    this.calls.push({ method: 'columns', args: [schema, table, catalog], signal: options?.signal })
    this.#inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight)
    try {
      if (this.#config.columnsDelayMs !== undefined) {
        await delay(this.#config.columnsDelayMs, options?.signal)
      }
      if (this.#config.failColumnsOf === `${schema}.${table}`) {
        throw new Error(`columns failed for ${schema}.${table}`)
      }
      const columns = this.#catalog(catalog)[schema]?.[table] ?? {}
      return Object.entries(columns).map(([name, rawType]) => ({
        name,
        type: normalizeE6dataType(rawType),
        rawType,
      }))
    } finally {
      this.#inFlight--
    }
  }

  close(): void {
    this.closed = true
  }

  #catalog(catalog: string | undefined): Record<string, Record<string, Record<string, string>>> {
    const name = catalog ?? this.#config.defaultCatalog ?? 'default'
    return this.#catalogs[name] ?? {}
  }
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

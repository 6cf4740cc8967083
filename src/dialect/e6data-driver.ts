import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  QueryResult,
  TransactionSettings,
} from 'kysely'
import type { Session, SessionQueryOptions } from '../driver/index.js'
import { createClient, type E6dataClient } from '../driver/index.js'
import { InvalidArgumentError, TransactionsNotSupportedError } from '../errors.js'
import type { E6dataDialectConfig, ParameterMode } from './e6data-dialect-config.js'

interface AbortableOptions {
  readonly signal?: AbortSignal | undefined
}

/**
 * Kysely races the driver against its own abort listener, which fires first: once the signal is
 * aborted the caller has its AbortError, and a rejection of ours would only be printed as "failed
 * in the background after abortion", so such calls settle quietly.
 */
function callerLeft(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true
}

/** Handed to Kysely for an acquisition its caller abandoned; Kysely only releases it. */
const ABANDONED: DatabaseConnection = Object.freeze({
  executeQuery(): never {
    throw new InvalidArgumentError('this connection was abandoned by an aborted acquisition')
  },
  // biome-ignore lint/correctness/useYield: never yields
  async *streamQuery(): AsyncIterableIterator<never> {
    throw new InvalidArgumentError('this connection was abandoned by an aborted acquisition')
  },
})

/** The client given, or one created (lazily, once) from connection options and then owned. */
export class ClientHolder {
  readonly #config: E6dataDialectConfig
  #client: Promise<E6dataClient> | undefined

  constructor(config: E6dataDialectConfig) {
    this.#config = config
  }

  get owned(): boolean {
    return this.#config.client === undefined
  }

  get(): Promise<E6dataClient> {
    if (!this.#client) {
      const { client } = this.#config
      const promise =
        client === undefined
          ? Promise.resolve(createClient(this.#config))
          : Promise.resolve(typeof client === 'function' ? client() : client)
      this.#client = promise
      promise.catch(() => {
        // a failed factory is retried on the next call
        if (this.#client === promise) this.#client = undefined
      })
    }
    return this.#client
  }

  async close(): Promise<void> {
    const pending = this.#client
    this.#client = undefined
    if (pending && this.owned) await (await pending).close()
  }
}

/**
 * Kysely driver for e6data, created by {@link E6dataDialect}. e6data has no transactions: they
 * throw {@link TransactionsNotSupportedError}.
 */
export class E6dataDriver implements Driver {
  readonly #clients: ClientHolder
  readonly #parameterMode: ParameterMode
  readonly #rowMode: 'object' | 'array'

  constructor(
    clients: ClientHolder,
    options: {
      readonly parameterMode?: ParameterMode | undefined
      readonly rowMode?: 'object' | 'array' | undefined
    },
  ) {
    this.#clients = clients
    this.#parameterMode = options.parameterMode ?? 'interpolate'
    const rowMode = options.rowMode ?? 'object'
    if (rowMode !== 'object' && rowMode !== 'array') {
      throw new InvalidArgumentError(
        `invalid rowMode ${JSON.stringify(rowMode)}: expected 'object' or 'array'`,
      )
    }
    this.#rowMode = rowMode
  }

  async init(): Promise<void> {
    // lazy: nothing connects until the first query acquires a session
  }

  async acquireConnection(options?: AbortableOptions): Promise<DatabaseConnection> {
    const client = await this.#clients.get()
    let session: Session
    try {
      session = await client.acquireSession({ signal: options?.signal })
    } catch (err) {
      if (callerLeft(options?.signal)) return ABANDONED
      throw err
    }
    return new E6dataConnection(client, session, {
      parameterMode: this.#parameterMode,
      rowMode: this.#rowMode,
    })
  }

  async beginTransaction(
    _connection: DatabaseConnection,
    _settings: TransactionSettings,
  ): Promise<void> {
    throw new TransactionsNotSupportedError()
  }

  async commitTransaction(_connection: DatabaseConnection): Promise<void> {
    throw new TransactionsNotSupportedError()
  }

  async rollbackTransaction(_connection: DatabaseConnection): Promise<void> {
    throw new TransactionsNotSupportedError()
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof E6dataConnection) connection.release()
  }

  async destroy(): Promise<void> {
    await this.#clients.close()
  }
}

/** One leased engine session as a Kysely connection. */
class E6dataConnection implements DatabaseConnection {
  readonly #client: E6dataClient
  readonly #session: Session
  readonly #parameterMode: ParameterMode
  readonly #rowMode: 'object' | 'array'
  /** For `cancelQuery`: the statement running (or last run) here. */
  #queryId: string | undefined

  constructor(
    client: E6dataClient,
    session: Session,
    options: { readonly parameterMode: ParameterMode; readonly rowMode: 'object' | 'array' },
  ) {
    this.#client = client
    this.#session = session
    this.#parameterMode = options.parameterMode
    this.#rowMode = options.rowMode
  }

  #options(
    compiled: CompiledQuery,
    signal: AbortSignal | undefined,
  ): [string, SessionQueryOptions] {
    const onQueryId = (id: string) => {
      this.#queryId = id
    }
    // the session fills the placeholders (one place for both entry points); compiled parameters
    // always count, so a stray ? in raw SQL is an error, not text sent as is
    return this.#parameterMode === 'bind'
      ? [compiled.sql, { signal, onQueryId, bindParams: compiled.parameters }]
      : [compiled.sql, { signal, onQueryId, params: compiled.parameters }]
  }

  async executeQuery<R>(
    compiledQuery: CompiledQuery,
    options?: AbortableOptions,
  ): Promise<QueryResult<R>> {
    const [sql, opts] = this.#options(compiledQuery, options?.signal)
    try {
      const result = await this.#session.execute<R>(sql, { ...opts, rowMode: this.#rowMode })
      return { rows: result.rows }
    } catch (err) {
      if (callerLeft(options?.signal)) return { rows: [] }
      throw err
    }
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 10_000,
    options?: AbortableOptions,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0) {
      throw new InvalidArgumentError(`chunkSize must be a positive integer, got ${chunkSize}`)
    }
    const [sql, opts] = this.#options(compiledQuery, options?.signal)
    let pending: R[] = []
    try {
      for await (const batch of this.#session.streamBatches<R>(sql, opts)) {
        const rows = (this.#rowMode === 'array' ? batch.toArrays() : batch.toRows()) as R[]
        let start = 0
        if (pending.length > 0) {
          start = Math.min(chunkSize - pending.length, rows.length)
          // a loop, not push(...spread): batches can hold hundreds of thousands of rows
          for (let i = 0; i < start; i++) pending.push(rows[i] as R)
          if (pending.length < chunkSize) continue
          yield { rows: pending }
          pending = []
        }
        for (; start + chunkSize <= rows.length; start += chunkSize) {
          yield { rows: rows.slice(start, start + chunkSize) }
        }
        if (start < rows.length) pending = rows.slice(start)
      }
    } catch (err) {
      if (callerLeft(options?.signal)) return
      throw err
    }
    if (pending.length > 0) yield { rows: pending }
  }

  /** Kysely's `inflightQueryAbortStrategy: 'cancel query'`. */
  async cancelQuery(): Promise<void> {
    const id = this.#queryId
    // best effort, never a rejection (Kysely would print it)
    if (id !== undefined) await this.#client.cancel(id).catch(() => false)
  }

  /** Kysely calls it before a cancellable query: forget the previous statement's id. */
  async collectSessionInfo(): Promise<void> {
    this.#queryId = undefined
  }

  release(): void {
    this.#session.release()
  }
}

/**
 * Options accepted by every {@link E6dataSchemaSource} call.
 *
 * @example
 * ```ts
 * const ac = new AbortController()
 * await client.schemas('hive', { signal: ac.signal })
 * ```
 */
export interface E6dataSchemaCallOptions {
  /** Aborts the call (and any retries) when signalled. */
  readonly signal?: AbortSignal | undefined
}

/**
 * One column as reported by the engine's `getColumnsV2` RPC.
 *
 * @example
 * ```ts
 * const column: E6dataColumnInfo = { name: 'price', type: 'decimal', rawType: 'DECIMAL(7,2)' }
 * ```
 */
export interface E6dataColumnInfo {
  /** Column name, exactly as the engine spells it. */
  readonly name: string
  /**
   * Normalised type name: lower-cased and cut at the first `(` or `<`
   * (`decimal(7,2)` → `decimal`, `array<int>` → `array`).
   */
  readonly type: string
  /** The engine's type string, unchanged (`decimal(7,2)`, `array<int>`, `LONG`, …). */
  readonly rawType: string
}

/**
 * The connection defaults a schema source may expose (the e6data client's `options`).
 *
 * @example
 * ```ts
 * const defaults: E6dataSchemaSourceDefaults = { catalog: 'hive', database: 'sales' }
 * ```
 */
export interface E6dataSchemaSourceDefaults {
  /** The default catalog sent with every request. */
  readonly catalog?: string | undefined
  /** The default schema ("database") sent with every request. */
  readonly database?: string | undefined
}

/**
 * The part of the e6data client that schema introspection needs: the three metadata RPCs
 * (`getSchemaNamesV2`, `getTablesV2`, `getColumnsV2`). The plain client from
 * `kysely-e6data/driver` satisfies it; tests can pass a small fake.
 *
 * The wire reports names and type strings only: no views, nullability, defaults, keys,
 * comments or ordinals.
 *
 * @example
 * ```ts
 * const fake: E6dataSchemaSource = {
 *   schemas: async () => ['sales'],
 *   tables: async () => ['orders'],
 *   columns: async () => [{ name: 'id', type: 'bigint', rawType: 'bigint' }],
 * }
 * ```
 */
export interface E6dataSchemaSource {
  /** Connection defaults (catalog, database), when the source has them. */
  readonly options?: E6dataSchemaSourceDefaults | undefined
  /** Schema names of `catalog` (the connection's default catalog when omitted). */
  schemas(
    catalog?: string | undefined,
    options?: E6dataSchemaCallOptions,
  ): Promise<readonly string[]>
  /** Table names of `schema` in `catalog`. */
  tables(
    schema: string,
    catalog?: string | undefined,
    options?: E6dataSchemaCallOptions,
  ): Promise<readonly string[]>
  /** Columns of `schema.table` in `catalog`, in the engine's order. */
  columns(
    schema: string,
    table: string,
    catalog?: string | undefined,
    options?: E6dataSchemaCallOptions,
  ): Promise<readonly E6dataColumnInfo[]>
}

/**
 * A schema source that owns resources and must be closed (a client created just for one
 * codegen run).
 *
 * @example
 * ```ts
 * const source: E6dataClosableSchemaSource = createClient(options)
 * try { await source.schemas() } finally { await source.close() }
 * ```
 */
export interface E6dataClosableSchemaSource extends E6dataSchemaSource {
  /** Releases the source's connections. */
  close(): Promise<void> | void
}

/** Options of every {@link E6dataSchemaSource} call. */
export interface E6dataSchemaCallOptions {
  /** Aborts the call (and any retries) when signalled. */
  readonly signal?: AbortSignal | undefined
}

/** One column as the engine's `getColumnsV2` RPC reports it. */
export interface E6dataColumnInfo {
  readonly name: string
  /** Lower-cased and cut at the first `(` or `<` (`decimal(7,2)` → `decimal`). */
  readonly type: string
  /** The engine's type string, unchanged. */
  readonly rawType: string
}

/** The connection defaults a schema source may expose (the e6data client's `options`). */
export interface E6dataSchemaSourceDefaults {
  readonly catalog?: string | undefined
  /** The default schema. */
  readonly database?: string | undefined
}

/**
 * What schema introspection needs of the e6data client: its three metadata RPCs, which report
 * names and type strings only. The plain client satisfies it; tests can pass a small fake.
 *
 * @example
 * ```ts
 * const fake: E6dataSchemaSource = { schemas: async () => ['sales'], tables: async () => ['t'],
 *   columns: async () => [{ name: 'id', type: 'bigint', rawType: 'bigint' }] }
 * ```
 */
export interface E6dataSchemaSource {
  readonly options?: E6dataSchemaSourceDefaults | undefined
  /** Schema names of `catalog` (the connection's default catalog when omitted). */
  schemas(
    catalog?: string | undefined,
    options?: E6dataSchemaCallOptions,
  ): Promise<readonly string[]>
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

/** A schema source that must be closed (a client created just for one codegen run). */
export interface E6dataClosableSchemaSource extends E6dataSchemaSource {
  close(): Promise<void> | void
}

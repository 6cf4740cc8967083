/**
 * Loads `@duckdb/node-api` lazily, so that importing `kysely-e6data/local` without it installed
 * fails with an actionable message instead of a bare module-resolution error.
 *
 * @module
 */

/**
 * The `@duckdb/node-api` module namespace.
 *
 * @example
 * ```ts
 * const duckdb: DuckDBModule = await loadDuckDB()
 * ```
 */
export type DuckDBModule = typeof import('@duckdb/node-api')

let cached: Promise<DuckDBModule> | undefined

/**
 * Wraps a failed import of `@duckdb/node-api` in an error that says what to install.
 *
 * @example
 * ```ts
 * duckdbImportError(Object.assign(new Error('x'), { code: 'ERR_MODULE_NOT_FOUND' })).message
 * // 'kysely-e6data/local needs the optional peer dependency @duckdb/node-api. …'
 * ```
 */
export function duckdbImportError(cause: unknown): Error {
  const code = (cause as { code?: unknown } | null)?.code
  const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
  return new Error(
    missing
      ? 'kysely-e6data/local needs the optional peer dependency @duckdb/node-api. ' +
          'Install it with: npm install --save-dev @duckdb/node-api'
      : `kysely-e6data/local could not load @duckdb/node-api: ${String((cause as Error)?.message ?? cause)}`,
    { cause },
  )
}

/**
 * Imports `@duckdb/node-api` once; throws an error naming the package to install when missing.
 *
 * @example
 * ```ts
 * const duckdb = await loadDuckDB()
 * const instance = await duckdb.DuckDBInstance.create(':memory:')
 * ```
 */
export function loadDuckDB(): Promise<DuckDBModule> {
  cached ??= import('@duckdb/node-api').catch((cause: unknown) => {
    cached = undefined
    throw duckdbImportError(cause)
  })
  return cached
}

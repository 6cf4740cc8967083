export type DuckDBModule = typeof import('@duckdb/node-api')

let cached: Promise<DuckDBModule> | undefined

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
 * Lazy, so that importing `kysely-e6data/local` without the optional peer dependency fails with a
 * message naming it instead of a bare module-resolution error.
 */
export function loadDuckDB(): Promise<DuckDBModule> {
  cached ??= import('@duckdb/node-api').catch((cause: unknown) => {
    cached = undefined
    throw duckdbImportError(cause)
  })
  return cached
}

import { describe, expect, it } from 'vitest'
import { duckdbImportError, loadDuckDB } from '../../src/local/load-duckdb.js'

describe('@duckdb/node-api import guard', () => {
  it('explains what to install when the package is missing', () => {
    const missing = Object.assign(new Error("Cannot find package '@duckdb/node-api'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    })
    const error = duckdbImportError(missing)
    expect(error.message).toMatch(/npm install --save-dev @duckdb\/node-api/)
    expect(error.cause).toBe(missing)
    expect(duckdbImportError(new Error('bad binary')).message).toMatch(
      /could not load @duckdb\/node-api: bad binary/,
    )
  })

  it('loads the installed package once', async () => {
    const a = await loadDuckDB()
    expect(typeof a.DuckDBInstance.create).toBe('function')
    expect(await loadDuckDB()).toBe(a)
  })
})

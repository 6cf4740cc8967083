/**
 * Server-side parameter binding of `ExecuteStatementV2Request.params` (protocol.md §11.3,
 * e6-sql.md §2): each `ParameterValue { index, type, value }` is bound natively to the DuckDB
 * prepared statement's `?` placeholders.
 *
 * <!-- README:parameters -->
 * - **Index base: 1** (JDBC/Calcite style): `index` 1 binds the first `?`. Every placeholder must
 *   be bound exactly once; a missing, duplicate or out-of-range index is INVALID_ARGUMENT.
 * - `type` (case-insensitive) and the expected `value` text:
 *
 * | type | value |
 * |---|---|
 * | `VARCHAR`, `STRING`, `CHAR` | the text as is |
 * | `BIGINT`, `LONG` · `INTEGER`, `INT` · `SMALLINT` · `TINYINT` | decimal integer (`-?\d+`) in the type's range (64 · 32 · 16 · 8 bits), bound with that type |
 * | `DOUBLE`, `FLOAT`, `REAL` | JS number syntax, also `NaN`, `Infinity`, `-Infinity` |
 * | `BOOLEAN`, `BOOL` | `true` / `false` |
 * | `DECIMAL`, `NUMERIC` | `-?\d+(\.\d+)?`, at most 38 digits; bound as DECIMAL(38, digits after the point) |
 * | `DATE` | `YYYY-MM-DD` |
 * | `TIMESTAMP`, `DATETIME` | `YYYY-MM-DD[ T]HH:MM:SS[.ffffff]` (UTC) |
 * | `BINARY`, `VARBINARY`, `BLOB` | base64 |
 * | `NULL` | ignored (binds SQL NULL) |
 * <!-- /README:parameters -->
 *
 * @module
 */

import type { DuckDBPreparedStatement } from '@duckdb/node-api'
import type { ParameterValue } from '../generated/e6x_engine.js'
import type { DuckDBModule } from './load-duckdb.js'
import { GrpcStatus, RpcError } from './rpc-error.js'

function invalid(message: string): RpcError {
  return new RpcError(GrpcStatus.INVALID_ARGUMENT, message)
}

function parseDateParts(text: string, index: number) {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) throw invalid(`parameter ${index}: DATE value must be YYYY-MM-DD`)
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

/**
 * Binds e6 parameters to a prepared statement; throws INVALID_ARGUMENT {@link RpcError}s.
 *
 * @example
 * ```ts
 * bindParameters(duckdb, prepared, [{ index: 1, type: 'BIGINT', value: '42' }])
 * ```
 */
export function bindParameters(
  duckdb: DuckDBModule,
  prepared: DuckDBPreparedStatement,
  params: readonly ParameterValue[],
): void {
  const count = prepared.parameterCount
  const seen = new Set<number>()
  for (const p of params) {
    const index = p.index
    if (!Number.isInteger(index) || index < 1 || index > count) {
      throw invalid(
        `parameter index ${index} out of range: the statement has ${count} placeholder(s), indexes are 1-based`,
      )
    }
    if (seen.has(index)) throw invalid(`parameter ${index} bound twice`)
    seen.add(index)
    bindOne(duckdb, prepared, index, p.type.trim().toUpperCase(), p.value)
  }
  if (seen.size !== count) {
    const missing = []
    for (let i = 1; i <= count; i++) if (!seen.has(i)) missing.push(i)
    throw invalid(`no value for parameter(s) ${missing.join(', ')} (indexes are 1-based)`)
  }
}

const INTEGER_BITS: Readonly<Record<string, number>> = Object.freeze({
  INTEGER: 32,
  INT: 32,
  SMALLINT: 16,
  TINYINT: 8,
})

function bindOne(
  duckdb: DuckDBModule,
  prepared: DuckDBPreparedStatement,
  index: number,
  type: string,
  value: string,
): void {
  switch (type) {
    case 'NULL':
      prepared.bindNull(index)
      return
    case 'VARCHAR':
    case 'STRING':
    case 'CHAR':
      prepared.bindVarchar(index, value)
      return
    case 'BIGINT':
    case 'LONG':
    case 'INTEGER':
    case 'INT':
    case 'SMALLINT':
    case 'TINYINT': {
      if (!/^-?\d+$/.test(value))
        throw invalid(`parameter ${index}: ${type} value must be an integer`)
      const n = BigInt(value)
      // bound with the declared width, so overloads resolve as for a literal of that type
      const bits = INTEGER_BITS[type] ?? 64
      const limit = 1n << BigInt(bits - 1)
      if (n < -limit || n >= limit) {
        throw invalid(`parameter ${index}: out of the ${bits}-bit ${type} range`)
      }
      if (bits === 64) prepared.bindBigInt(index, n)
      else if (bits === 32) prepared.bindInteger(index, Number(n))
      else if (bits === 16) prepared.bindSmallInt(index, Number(n))
      else prepared.bindTinyInt(index, Number(n))
      return
    }
    case 'DOUBLE':
    case 'FLOAT':
    case 'REAL': {
      const n = value.trim() === '' ? Number.NaN : Number(value)
      if (Number.isNaN(n) && value !== 'NaN') {
        throw invalid(`parameter ${index}: ${type} value must be a number`)
      }
      prepared.bindDouble(index, n)
      return
    }
    case 'BOOLEAN':
    case 'BOOL': {
      const v = value.toLowerCase()
      if (v !== 'true' && v !== 'false')
        throw invalid(`parameter ${index}: BOOLEAN must be true/false`)
      prepared.bindBoolean(index, v === 'true')
      return
    }
    case 'DECIMAL':
    case 'NUMERIC': {
      const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value)
      if (!m) throw invalid(`parameter ${index}: DECIMAL value must match -?digits[.digits]`)
      const digits = `${m[2]}${m[3] ?? ''}`.replace(/^0+(?=\d)/, '')
      if (digits.length > 38) throw invalid(`parameter ${index}: DECIMAL has more than 38 digits`)
      const scale = (m[3] ?? '').length
      const unscaled = BigInt(`${m[1]}${m[2]}${m[3] ?? ''}`)
      prepared.bindDecimal(index, new duckdb.DuckDBDecimalValue(unscaled, 38, scale))
      return
    }
    case 'DATE':
      prepared.bindDate(index, duckdb.DuckDBDateValue.fromParts(parseDateParts(value, index)))
      return
    case 'TIMESTAMP':
    case 'DATETIME': {
      const m = /^(-?\d{4,}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(value)
      if (!m) {
        throw invalid(`parameter ${index}: TIMESTAMP value must be YYYY-MM-DD HH:MM:SS[.ffffff]`)
      }
      const date = parseDateParts(m[1] as string, index)
      const time = {
        hour: Number(m[2]),
        min: Number(m[3]),
        sec: Number(m[4]),
        micros: Number((m[5] ?? '').padEnd(6, '0')),
      }
      prepared.bindTimestamp(index, duckdb.DuckDBTimestampValue.fromParts({ date, time }))
      return
    }
    case 'BINARY':
    case 'VARBINARY':
    case 'BLOB':
      prepared.bindBlob(index, new Uint8Array(Buffer.from(value, 'base64')))
      return
    default:
      throw invalid(`parameter ${index}: unsupported parameter type ${JSON.stringify(type)}`)
  }
}

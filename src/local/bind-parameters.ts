/**
 * Server-side binding of `ExecuteStatementV2Request.params` (protocol.md §11.3, e6-sql.md §2) to
 * the DuckDB prepared statement's `?` placeholders.
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

/** Indexes are 1-based (JDBC/Calcite); each placeholder bound exactly once, else INVALID_ARGUMENT. */
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

type Bind = (
  duckdb: DuckDBModule,
  prepared: DuckDBPreparedStatement,
  index: number,
  type: string,
  value: string,
) => void

interface ParameterType {
  /** Type names accepted (case-insensitive), and the README's text on the expected value. */
  readonly names: readonly string[]
  readonly value: string
  readonly bind: Bind
}

const INTEGER_BITS: Readonly<Record<string, number>> = Object.freeze({
  INTEGER: 32,
  INT: 32,
  SMALLINT: 16,
  TINYINT: 8,
})

const bindInteger: Bind = (_duckdb, prepared, index, type, value) => {
  if (!/^-?\d+$/.test(value)) throw invalid(`parameter ${index}: ${type} value must be an integer`)
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
}

const bindTimestamp: Bind = (duckdb, prepared, index, _type, value) => {
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
}

const bindDecimal: Bind = (duckdb, prepared, index, _type, value) => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value)
  if (!m) throw invalid(`parameter ${index}: DECIMAL value must match -?digits[.digits]`)
  const digits = `${m[2]}${m[3] ?? ''}`.replace(/^0+(?=\d)/, '')
  if (digits.length > 38) throw invalid(`parameter ${index}: DECIMAL has more than 38 digits`)
  const scale = (m[3] ?? '').length
  const unscaled = BigInt(`${m[1]}${m[2]}${m[3] ?? ''}`)
  prepared.bindDecimal(index, new duckdb.DuckDBDecimalValue(unscaled, 38, scale))
}

// The binding rules and the README's parameter table (parametersMarkdown) in one list.
const PARAMETER_TYPES: readonly ParameterType[] = [
  {
    names: ['VARCHAR', 'STRING', 'CHAR'],
    value: 'the text as is',
    bind: (_d, prepared, index, _t, value) => prepared.bindVarchar(index, value),
  },
  {
    names: ['BIGINT', 'LONG', 'INTEGER', 'INT', 'SMALLINT', 'TINYINT'],
    value:
      "decimal integer (`-?\\d+`) in the type's range (BIGINT, LONG 64 bits; INTEGER, INT 32; SMALLINT 16; TINYINT 8), bound with that type",
    bind: bindInteger,
  },
  {
    names: ['DOUBLE', 'FLOAT', 'REAL'],
    value: 'JS number syntax, also `NaN`, `Infinity`, `-Infinity`',
    bind: (_d, prepared, index, type, value) => {
      const n = value.trim() === '' ? Number.NaN : Number(value)
      if (Number.isNaN(n) && value !== 'NaN') {
        throw invalid(`parameter ${index}: ${type} value must be a number`)
      }
      prepared.bindDouble(index, n)
    },
  },
  {
    names: ['BOOLEAN', 'BOOL'],
    value: '`true` / `false`',
    bind: (_d, prepared, index, _t, value) => {
      const v = value.toLowerCase()
      if (v !== 'true' && v !== 'false')
        throw invalid(`parameter ${index}: BOOLEAN must be true/false`)
      prepared.bindBoolean(index, v === 'true')
    },
  },
  {
    names: ['DECIMAL', 'NUMERIC'],
    value: '`-?\\d+(\\.\\d+)?`, at most 38 digits; bound as DECIMAL(38, digits after the point)',
    bind: bindDecimal,
  },
  {
    names: ['DATE'],
    value: '`YYYY-MM-DD`',
    bind: (duckdb, prepared, index, _t, value) =>
      prepared.bindDate(index, duckdb.DuckDBDateValue.fromParts(parseDateParts(value, index))),
  },
  {
    names: ['TIMESTAMP', 'DATETIME'],
    value: '`YYYY-MM-DD[ T]HH:MM:SS[.ffffff]` (UTC)',
    bind: bindTimestamp,
  },
  {
    names: ['BINARY', 'VARBINARY', 'BLOB'],
    value: 'base64',
    bind: (_d, prepared, index, _t, value) =>
      prepared.bindBlob(index, new Uint8Array(Buffer.from(value, 'base64'))),
  },
  {
    names: ['NULL'],
    value: 'ignored (binds SQL NULL)',
    bind: (_d, prepared, index) => prepared.bindNull(index),
  },
]

const BIND_BY_TYPE = new Map(PARAMETER_TYPES.flatMap((t) => t.names.map((n) => [n, t.bind])))

function bindOne(
  duckdb: DuckDBModule,
  prepared: DuckDBPreparedStatement,
  index: number,
  type: string,
  value: string,
): void {
  const bind = BIND_BY_TYPE.get(type)
  if (!bind) throw invalid(`parameter ${index}: unsupported parameter type ${JSON.stringify(type)}`)
  bind(duckdb, prepared, index, type, value)
}

/** The README's parameter type table, generated from the binding rules. */
export function parametersMarkdown(): string {
  return [
    '| type | value |',
    '|---|---|',
    ...PARAMETER_TYPES.map((t) => `| ${t.names.map((n) => `\`${n}\``).join(', ')} | ${t.value} |`),
    '',
  ].join('\n')
}

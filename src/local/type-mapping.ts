/**
 * DuckDB → e6data type mapping of the local engine: the one table used for result vectors
 * (protocol.md §9), result metadata type names (§8) and schema-RPC field types (§13.4).
 *
 * @module
 */

import type {
  DuckDBArrayType,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalType,
  DuckDBDecimalValue,
  DuckDBListType,
  DuckDBMapType,
  DuckDBStructType,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBType,
  DuckDBValue,
} from '@duckdb/node-api'
import type { RawValue, VectorTypeName } from '../wire/index.js'

/** DuckDB logical type ids (C API `duckdb_type`, stable across releases). */
export const DuckDBTypeIds = {
  BOOLEAN: 1,
  TINYINT: 2,
  SMALLINT: 3,
  INTEGER: 4,
  BIGINT: 5,
  UTINYINT: 6,
  USMALLINT: 7,
  UINTEGER: 8,
  UBIGINT: 9,
  FLOAT: 10,
  DOUBLE: 11,
  TIMESTAMP: 12,
  DATE: 13,
  TIME: 14,
  INTERVAL: 15,
  HUGEINT: 16,
  VARCHAR: 17,
  BLOB: 18,
  DECIMAL: 19,
  TIMESTAMP_S: 20,
  TIMESTAMP_MS: 21,
  TIMESTAMP_NS: 22,
  ENUM: 23,
  LIST: 24,
  STRUCT: 25,
  MAP: 26,
  UUID: 27,
  UNION: 28,
  BIT: 29,
  TIME_TZ: 30,
  TIMESTAMP_TZ: 31,
  UHUGEINT: 32,
  ARRAY: 33,
  BIGNUM: 35,
  SQLNULL: 36,
  TIME_NS: 39,
  GEOMETRY: 40,
  VARIANT: 41,
} as const

/** A DuckDB type the engine maps (a key of {@link TYPE_MAPPING}). */
export type DuckDBTypeName = keyof typeof DuckDBTypeIds

/** How the engine converts a DuckDB value of that type for the wire. */
export type ValueKind =
  | 'boolean'
  | 'int32'
  | 'uint32-as-long'
  | 'int64'
  | 'wide-int-as-long'
  | 'float'
  | 'decimal'
  | 'string'
  | 'blob'
  | 'date'
  | 'timestamp-us'
  | 'timestamp-s'
  | 'timestamp-ms'
  | 'timestamp-ns'
  | 'timestamp-tz'
  | 'text'
  | 'null'

/** One row of {@link TYPE_MAPPING}. */
export interface TypeMappingEntry {
  /** Result vector type, also the result metadata's type name. */
  readonly vectorType: VectorTypeName
  /** How a DuckDB value becomes a wire value. */
  readonly kind: ValueKind
  /** e6 `fieldType` in schema RPCs (parameterised types add their parameters). */
  readonly fieldType: string
}

const entry = (vectorType: VectorTypeName, kind: ValueKind, fieldType: string) =>
  Object.freeze({ vectorType, kind, fieldType })

/**
 * How the local engine sends each DuckDB type to e6data clients: the result vector type, the
 * value conversion and the schema-RPC `fieldType` (the README's type table is generated from it).
 *
 * @example
 * ```ts
 * import { TYPE_MAPPING } from 'kysely-e6data/local'
 *
 * TYPE_MAPPING.HUGEINT.vectorType // 'LONG': a value beyond int64 fails the query
 * ```
 */
export const TYPE_MAPPING: Readonly<Record<DuckDBTypeName, TypeMappingEntry>> = Object.freeze({
  BOOLEAN: entry('BOOLEAN', 'boolean', 'boolean'),
  TINYINT: entry('INTEGER', 'int32', 'int'),
  SMALLINT: entry('INTEGER', 'int32', 'int'),
  INTEGER: entry('INTEGER', 'int32', 'int'),
  UTINYINT: entry('INTEGER', 'int32', 'int'),
  USMALLINT: entry('INTEGER', 'int32', 'int'),
  UINTEGER: entry('LONG', 'uint32-as-long', 'bigint'),
  BIGINT: entry('LONG', 'int64', 'bigint'),
  HUGEINT: entry('LONG', 'wide-int-as-long', 'bigint'),
  UBIGINT: entry('LONG', 'wide-int-as-long', 'bigint'),
  UHUGEINT: entry('LONG', 'wide-int-as-long', 'bigint'),
  FLOAT: entry('FLOAT', 'float', 'float'),
  DOUBLE: entry('DOUBLE', 'float', 'double'),
  DECIMAL: entry('DECIMAL128', 'decimal', 'decimal'),
  VARCHAR: entry('STRING', 'string', 'string'),
  BLOB: entry('BINARY', 'blob', 'binary'),
  DATE: entry('DATE', 'date', 'date'),
  TIMESTAMP: entry('DATETIME', 'timestamp-us', 'timestamp'),
  TIMESTAMP_S: entry('DATETIME', 'timestamp-s', 'timestamp'),
  TIMESTAMP_MS: entry('DATETIME', 'timestamp-ms', 'timestamp'),
  TIMESTAMP_NS: entry('DATETIME', 'timestamp-ns', 'timestamp'),
  TIMESTAMP_TZ: entry('TIMESTAMP_TZ', 'timestamp-tz', 'timestamp_tz'),
  LIST: entry('ARRAY', 'text', 'array'),
  ARRAY: entry('ARRAY', 'text', 'array'),
  MAP: entry('MAP', 'text', 'map'),
  STRUCT: entry('STRUCT', 'text', 'struct'),
  SQLNULL: entry('NULL', 'null', 'null'),
  TIME: entry('STRING', 'text', 'string'),
  TIME_TZ: entry('STRING', 'text', 'string'),
  TIME_NS: entry('STRING', 'text', 'string'),
  INTERVAL: entry('STRING', 'text', 'string'),
  UUID: entry('STRING', 'text', 'string'),
  ENUM: entry('STRING', 'text', 'string'),
  BIT: entry('STRING', 'text', 'string'),
  UNION: entry('STRING', 'text', 'string'),
  BIGNUM: entry('STRING', 'text', 'string'),
  VARIANT: entry('STRING', 'text', 'string'),
  GEOMETRY: entry('STRING', 'text', 'string'),
})

// README wording of the table above; typeMappingMarkdown groups types that read alike
const WIRE_VALUE: Readonly<Record<ValueKind, string>> = {
  boolean: 'bool',
  int32: 'int32',
  'uint32-as-long': 'int64',
  int64: 'int64',
  'wide-int-as-long': 'int64; a value outside the int64 range fails the query (integer overflow)',
  float: 'double (NaN/±Infinity kept)',
  decimal: '16-byte BE unscaled',
  string: 'UTF-8',
  blob: 'raw bytes',
  date: 'epoch µs at UTC midnight',
  'timestamp-us': 'epoch µs (ns floored)',
  'timestamp-s': 'epoch µs (ns floored)',
  'timestamp-ms': 'epoch µs (ns floored)',
  'timestamp-ns': 'epoch µs (ns floored)',
  'timestamp-tz': 'epoch µs + the session zone per row (`timeZone`, default `UTC`)',
  text: 'DuckDB text',
  null: '—',
}
const DUCKDB_LABEL: Partial<Record<DuckDBTypeName, string>> = {
  DECIMAL: 'DECIMAL(p,s)',
  VARCHAR: 'VARCHAR (also JSON)',
  TIMESTAMP_TZ: 'TIMESTAMPTZ',
  SQLNULL: '"NULL" (untyped NULL)',
}
const TEXT_EXAMPLE: Partial<Record<VectorTypeName, string>> = {
  ARRAY: '`[1, 2]`',
  MAP: "`{'a': 1}`",
  STRUCT: "`{'a': 1, 'b': x}`",
}
const FIELD_TYPE_LABEL: Readonly<Record<string, string>> = {
  decimal: 'decimal(p,s)',
  array: 'array<…>',
  map: 'map<…,…>',
  struct: 'struct<name:type,…>',
}

/** The README's type table, generated from {@link TYPE_MAPPING}. */
export function typeMappingMarkdown(): string {
  const rows = new Map<string, { types: string[]; cells: string[] }>()
  for (const [name, m] of Object.entries(TYPE_MAPPING) as [DuckDBTypeName, TypeMappingEntry][]) {
    const { zone, format } = metadataZoneAndFormat(m.vectorType)
    const vector =
      m.vectorType === 'DECIMAL128'
        ? 'DECIMAL128, scale s'
        : zone
          ? `${m.vectorType} (zone \`${zone}\`, format \`${format}\`)`
          : m.vectorType
    const example = m.kind === 'text' ? TEXT_EXAMPLE[m.vectorType] : undefined
    const wire = example ? `${WIRE_VALUE[m.kind]}, e.g. ${example}` : WIRE_VALUE[m.kind]
    const cells = [vector, wire, `\`${FIELD_TYPE_LABEL[m.fieldType] ?? m.fieldType}\``]
    const key = cells.join('|')
    const row = rows.get(key) ?? { types: [], cells }
    row.types.push(DUCKDB_LABEL[name] ?? name)
    rows.set(key, row)
  }
  return [
    '| DuckDB type | vector type (results) | raw value on the wire | `fieldType` (getColumns) |',
    '|---|---|---|---|',
    ...[...rows.values()].map((r) => `| ${[r.types.join(', '), ...r.cells].join(' | ')} |`),
    '',
  ].join('\n')
}

const NAME_BY_ID = new Map<number, DuckDBTypeName>(
  Object.entries(DuckDBTypeIds).map(([name, id]) => [id, name as DuckDBTypeName]),
)

/** `undefined` for unknown ids, e.g. 0 = not inferable. */
export function duckdbTypeName(typeId: number): DuckDBTypeName | undefined {
  return NAME_BY_ID.get(typeId)
}

/** Type ids newer than this table travel as STRING text. */
export function mappingOf(type: DuckDBType): TypeMappingEntry {
  const name = NAME_BY_ID.get(type.typeId as number)
  return name ? TYPE_MAPPING[name] : entry('STRING', 'text', 'string')
}

/** Parameterised as e6 spells it: `decimal(p,s)`, `array<int>`, `map<string,int>`, `struct<a:int,b:string>`. */
export function e6FieldType(type: DuckDBType): string {
  switch (type.typeId as number) {
    case DuckDBTypeIds.DECIMAL: {
      const t = type as DuckDBDecimalType
      return `decimal(${t.width},${t.scale})`
    }
    case DuckDBTypeIds.LIST:
      return `array<${e6FieldType((type as DuckDBListType).valueType)}>`
    case DuckDBTypeIds.ARRAY:
      return `array<${e6FieldType((type as DuckDBArrayType).valueType)}>`
    case DuckDBTypeIds.MAP: {
      const t = type as DuckDBMapType
      return `map<${e6FieldType(t.keyType)},${e6FieldType(t.valueType)}>`
    }
    case DuckDBTypeIds.STRUCT: {
      const t = type as DuckDBStructType
      const fields = t.entryNames.map(
        (n, i) => `${n}:${e6FieldType(t.entryTypes[i] as DuckDBType)}`,
      )
      return `struct<${fields.join(',')}>`
    }
    default:
      return mappingOf(type).fieldType
  }
}

/** protocol.md §13.3. */
export function metadataZoneAndFormat(vectorType: VectorTypeName): {
  readonly zone: string
  readonly format: string
} {
  if (vectorType === 'DATE') return { zone: 'UTC', format: 'yyyy-MM-dd' }
  if (vectorType === 'DATETIME') return { zone: 'UTC', format: 'yyyy-MM-dd HH:mm:ss' }
  return { zone: '', format: '' }
}

const MICROS_PER_DAY = 86_400_000_000n
const INT64_MAX = 9_223_372_036_854_775_807n
const INT64_MIN = -9_223_372_036_854_775_808n

function checkedInt64(value: bigint, what: string): bigint {
  if (value > INT64_MAX || value < INT64_MIN) {
    throw new RangeError(`${what} value out of the int64 microsecond range`)
  }
  return value
}

/** Default of the `timeZone` option: DuckDB's `TimeZone`, sent as every TIMESTAMP_TZ row's zone. */
export const SESSION_TIME_ZONE = 'UTC'

export function rawValueConverter(
  kind: ValueKind,
  zone: string = SESSION_TIME_ZONE,
): (value: DuckDBValue) => RawValue {
  switch (kind) {
    case 'boolean':
      return (v) => (v === null ? null : (v as boolean))
    case 'int32':
    case 'float':
      return (v) => (v === null ? null : (v as number))
    case 'uint32-as-long':
      return (v) => (v === null ? null : BigInt(v as number))
    case 'int64':
      return (v) => (v === null ? null : (v as bigint))
    case 'wide-int-as-long':
      return (v) => {
        if (v === null) return null
        const n = v as bigint
        if (n > INT64_MAX || n < INT64_MIN) {
          throw new RangeError(
            `Out of Range Error: integer overflow: ${n} is outside the 64-bit LONG range e6data returns for integer results (e6data has no 128-bit or unsigned integers); cast to DECIMAL(38,0) to keep wider values`,
          )
        }
        return n
      }
    case 'decimal':
      return (v) => (v === null ? null : (v as DuckDBDecimalValue).value)
    case 'string':
      return (v) => (v === null ? null : (v as string))
    case 'blob':
      return (v) => (v === null ? null : (v as DuckDBBlobValue).bytes)
    case 'date':
      return (v) => {
        if (v === null) return null
        const d = v as DuckDBDateValue
        if (!d.isFinite) return d.days > 0 ? INT64_MAX : INT64_MIN
        return checkedInt64(BigInt(d.days) * MICROS_PER_DAY, 'DATE')
      }
    case 'timestamp-us':
      return (v) => (v === null ? null : (v as DuckDBTimestampValue).micros)
    case 'timestamp-s':
      return (v) => {
        if (v === null) return null
        const t = v as DuckDBTimestampSecondsValue
        if (!t.isFinite) return t.seconds > 0n ? INT64_MAX : INT64_MIN
        return checkedInt64(t.seconds * 1_000_000n, 'TIMESTAMP_S')
      }
    case 'timestamp-ms':
      return (v) => {
        if (v === null) return null
        const t = v as DuckDBTimestampMillisecondsValue
        if (!t.isFinite) return t.millis > 0n ? INT64_MAX : INT64_MIN
        return checkedInt64(t.millis * 1_000n, 'TIMESTAMP_MS')
      }
    case 'timestamp-ns':
      return (v) => {
        if (v === null) return null
        const ns = (v as DuckDBTimestampNanosecondsValue).nanos
        const q = ns / 1_000n
        return ns < 0n && q * 1_000n !== ns ? q - 1n : q
      }
    case 'timestamp-tz':
      return (v) => (v === null ? null : { micros: (v as DuckDBTimestampTZValue).micros, zone })
    case 'text':
      return (v) => (v === null ? null : String(v))
    case 'null':
      return () => null
  }
}

/** Approximate encoded size, without variable-length payloads (for `maxBatchBytes`). */
export function fixedValueBytes(kind: ValueKind): number {
  switch (kind) {
    case 'boolean':
      return 2
    case 'int32':
      return 5
    case 'decimal':
      return 21
    case 'timestamp-tz':
      return 16
    case 'string':
    case 'blob':
    case 'text':
      return 5
    case 'null':
      return 1
    default:
      return 9
  }
}

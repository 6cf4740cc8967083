/**
 * DuckDB → e6data type mapping of the local engine: the ONE table used for result vectors
 * (protocol.md §9), result metadata type names (§8) and schema-RPC field types (§13.4).
 *
 * <!-- README:type-mapping -->
 * | DuckDB type | vector type (results) | raw value on the wire | `fieldType` (getColumns) |
 * |---|---|---|---|
 * | BOOLEAN | BOOLEAN | bool | `boolean` |
 * | TINYINT, SMALLINT, INTEGER, UTINYINT, USMALLINT | INTEGER | int32 | `int` |
 * | UINTEGER, BIGINT | LONG | int64 | `bigint` |
 * | HUGEINT, UBIGINT, UHUGEINT | LONG | int64; a value outside the int64 range fails the query (integer overflow) | `bigint` |
 * | FLOAT | FLOAT | double | `float` |
 * | DOUBLE | DOUBLE | double (NaN/±Infinity kept) | `double` |
 * | DECIMAL(p,s) | DECIMAL128, scale s | 16-byte BE unscaled | `decimal(p,s)` |
 * | VARCHAR (also JSON) | STRING | UTF-8 | `string` |
 * | BLOB | BINARY | raw bytes | `binary` |
 * | DATE | DATE (zone `UTC`, format `yyyy-MM-dd`) | epoch µs at UTC midnight | `date` |
 * | TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS | DATETIME (zone `UTC`, format `yyyy-MM-dd HH:mm:ss`) | epoch µs (ns floored) | `timestamp` |
 * | TIMESTAMPTZ | TIMESTAMP_TZ | epoch µs + the session zone per row (`timeZone`, default `UTC`) | `timestamp_tz` |
 * | LIST, ARRAY | ARRAY | DuckDB text, e.g. `[1, 2]` | `array<…>` |
 * | MAP | MAP | DuckDB text, e.g. `{'a': 1}` | `map<…,…>` |
 * | STRUCT | STRUCT | DuckDB text, e.g. `{'a': 1, 'b': x}` | `struct<name:type,…>` |
 * | "NULL" (untyped NULL) | NULL | — | `null` |
 * | TIME, TIME_TZ, TIME_NS, INTERVAL, UUID, ENUM, BIT, UNION, BIGNUM, VARIANT, GEOMETRY | STRING | DuckDB text | `string` |
 *
 * **Integer widening.** e6data has no 128-bit or unsigned integers and returns integer aggregates
 * as 64-bit LONG; DuckDB widens instead. DuckDB types that only such widening produces are
 * sent as LONG, and a value beyond int64 fails the query like an e6data BIGINT overflow
 * (`Out of Range Error: integer overflow …`; cast to `DECIMAL(38,0)` to keep wider values):
 * `sum` of TINYINT/SMALLINT/INTEGER/BIGINT/HUGEINT (windowed too) and `sum(DISTINCT …)` →
 * HUGEINT; `hash()` and UBIGINT columns → UBIGINT; UHUGEINT columns. Other DuckDB results keep
 * their type: `count`, `count(DISTINCT)`, `row_number`/`rank`/`dense_rank`/`ntile`, `length`,
 * `strpos`, `extract`/`date_part`/`year`, `date_diff` → BIGINT (LONG); `avg`, `stddev`, `median`,
 * `/`, `power`, `sqrt`, `product` → DOUBLE; `sum` of DECIMAL(p,s) → DECIMAL(38,s);
 * `round`/`floor`/`ceil` of a decimal → DECIMAL; `a + b`, `a * b` of INTEGERs → INTEGER
 * (DuckDB raises on overflow).
 *
 * Infinite DATE/TIMESTAMP values become the int64 extremes; finite dates beyond the int64 µs range
 * fail the query. DuckDB's ICU extension is built in: the engine pins DuckDB's `TimeZone` to its
 * `timeZone` option (an IANA name, default `UTC`; never the host's zone), so TIMESTAMPTZ
 * arithmetic, `date_trunc`, casts to DATE/VARCHAR and `AT TIME ZONE` work in that zone, and every
 * TIMESTAMP_TZ row carries it as its zone (DuckDB stores instants, not per-value offsets; the
 * client computes each row's offset at its instant, e.g. `-05:00` in January and `-04:00` in July
 * for `America/New_York`).
 * <!-- /README:type-mapping -->
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

/**
 * DuckDB logical type ids (C API `duckdb_type`, stable across releases).
 *
 * @example
 * ```ts
 * type.typeId === DuckDBTypeIds.DECIMAL
 * ```
 */
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

/**
 * Name of a DuckDB logical type id in {@link DuckDBTypeIds}.
 *
 * @example
 * ```ts
 * const name: DuckDBTypeName = 'HUGEINT'
 * ```
 */
export type DuckDBTypeName = keyof typeof DuckDBTypeIds

/**
 * How values of one DuckDB type travel to an e6data client.
 *
 * @example
 * ```ts
 * rawValueConverter(TYPE_MAPPING.TIMESTAMP_NS.kind satisfies ValueKind)
 * ```
 */
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

/**
 * One row of {@link TYPE_MAPPING}.
 *
 * @example
 * ```ts
 * const entry: TypeMappingEntry = TYPE_MAPPING.BLOB // { vectorType: 'BINARY', … }
 * ```
 */
export interface TypeMappingEntry {
  /** Result vector type (and metadata type name). */
  readonly vectorType: VectorTypeName
  /** Conversion of DuckDB values into wire raw values. */
  readonly kind: ValueKind
  /** e6 `fieldType` for non-parameterised types. */
  readonly fieldType: string
}

const entry = (vectorType: VectorTypeName, kind: ValueKind, fieldType: string) =>
  Object.freeze({ vectorType, kind, fieldType })

/**
 * The type mapping table (see the module comment for the documented form).
 *
 * @example
 * ```ts
 * TYPE_MAPPING.UINTEGER.vectorType // 'LONG'
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

const NAME_BY_ID = new Map<number, DuckDBTypeName>(
  Object.entries(DuckDBTypeIds).map(([name, id]) => [id, name as DuckDBTypeName]),
)

/**
 * Name of a DuckDB type id (`undefined` for unknown ids, e.g. 0 = not inferable).
 *
 * @example
 * ```ts
 * duckdbTypeName(17) // 'VARCHAR'
 * ```
 */
export function duckdbTypeName(typeId: number): DuckDBTypeName | undefined {
  return NAME_BY_ID.get(typeId)
}

/**
 * Looks up the mapping of a DuckDB type (unknown/new type ids map to STRING text).
 *
 * @example
 * ```ts
 * mappingOf(resultType).vectorType // e.g. 'LONG'
 * ```
 */
export function mappingOf(type: DuckDBType): TypeMappingEntry {
  const name = NAME_BY_ID.get(type.typeId as number)
  return name ? TYPE_MAPPING[name] : entry('STRING', 'text', 'string')
}

/**
 * The e6 `fieldType` of a DuckDB type, lower-case, parameterised where e6 is
 * (`decimal(p,s)`, `array<int>`, `map<string,int>`, `struct<a:int,b:string>`).
 *
 * @example
 * ```ts
 * e6FieldType(listTypeOfIntegers) // 'array<int>'
 * ```
 */
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

/**
 * Result-metadata zone/format of a vector type (protocol.md §13.3).
 *
 * @example
 * ```ts
 * metadataZoneAndFormat('DATE') // { zone: 'UTC', format: 'yyyy-MM-dd' }
 * ```
 */
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

/**
 * Default session time zone of the engine (DuckDB's `TimeZone` setting, sent as the
 * TIMESTAMP_TZ zone of every row).
 *
 * @example
 * ```ts
 * ({ micros, zone: SESSION_TIME_ZONE })
 * ```
 */
export const SESSION_TIME_ZONE = 'UTC'

/**
 * Builds the DuckDB value → wire raw value conversion for one column.
 *
 * @example
 * ```ts
 * const convert = rawValueConverter(TYPE_MAPPING.DATE.kind)
 * convert(dateValue) // epoch µs as bigint
 * ```
 */
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

/**
 * Approximate encoded bytes of one value of a kind, excluding variable-length payloads.
 *
 * @example
 * ```ts
 * fixedValueBytes('int32') // 5
 * ```
 */
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

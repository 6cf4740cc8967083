import { InvalidArgumentError } from '../errors.js'

/**
 * How the driver returns 64-bit integers (`bigint`/`long` columns). Mirrors the client option
 * of the same name.
 *
 * @example
 * ```ts
 * const int64As: Int64As = 'bigint'
 * ```
 */
export type Int64As = 'bigint' | 'number' | 'string'

/**
 * How the driver returns timestamps: `Date`, an exact ISO-8601 UTC string, or epoch
 * microseconds as a `bigint`. Mirrors the client option of the same name.
 *
 * @example
 * ```ts
 * const timestampAs: TimestampAs = 'iso'
 * ```
 */
export type TimestampAs = 'date' | 'iso' | 'micros'

/**
 * How decimals are typed: `'string'` (the driver's exact decimal string, the default) or
 * `'unknown'` (when a custom decimal mapper is installed on the client; override the columns or
 * use `typeMapping: { decimal: 'YourDecimal' }`).
 *
 * @example
 * ```ts
 * const decimalAs: DecimalAs = 'unknown'
 * ```
 */
export type DecimalAs = 'string' | 'unknown'

/**
 * Value-mapping options of the driver that decide the generated TypeScript types.
 *
 * @example
 * ```ts
 * const mapping: E6dataTypeMappingOptions = { int64As: 'number', timestampAs: 'iso' }
 * ```
 */
export interface E6dataTypeMappingOptions {
  /** Type of `bigint`/`long` columns. Default `'bigint'`. */
  readonly int64As?: Int64As | undefined
  /** Type of `timestamp`/`datetime`/`timestamp_tz` columns. Default `'date'`. */
  readonly timestampAs?: TimestampAs | undefined
  /** Type of `decimal`/`numeric` columns. Default `'string'`. */
  readonly decimalAs?: DecimalAs | undefined
}

/**
 * {@link E6dataTypeMappingOptions} with defaults applied.
 *
 * @example
 * ```ts
 * const resolved: ResolvedTypeMapping = resolveTypeMappingOptions({ int64As: 'string' })
 * ```
 */
export interface ResolvedTypeMapping {
  readonly int64As: Int64As
  readonly timestampAs: TimestampAs
  readonly decimalAs: DecimalAs
}

/** e6data type names (normalised: lower-case, no parameters) grouped by the value they decode to. */
const TYPE_GROUPS = {
  int32: ['int', 'integer', 'short', 'smallint', 'tinyint', 'byte'],
  int64: ['bigint', 'long'],
  decimal: ['decimal', 'numeric', 'decimal128'],
  float: ['float', 'double', 'real', 'double precision'],
  boolean: ['boolean', 'bool'],
  string: ['string', 'varchar', 'char', 'text', 'character', 'character varying'],
  binary: ['binary', 'varbinary'],
  date: ['date'],
  timestamp: ['timestamp', 'datetime', 'timestamp_tz', 'timestamptz', 'timestamp_ntz'],
  engineText: ['array', 'map', 'struct', 'variant', 'json', 'uniontype'],
} as const satisfies Record<string, readonly string[]>

const INT64_TYPES: Readonly<Record<Int64As, string>> = {
  bigint: 'bigint',
  number: 'number',
  string: 'string',
}
const TIMESTAMP_TYPES: Readonly<Record<TimestampAs, string>> = {
  date: 'Date',
  iso: 'string',
  micros: 'bigint',
}
const DECIMAL_TYPES: Readonly<Record<DecimalAs, string>> = { string: 'string', unknown: 'unknown' }

/**
 * The fully resolved value-mapping options (defaults applied, values validated).
 *
 * @example
 * ```ts
 * resolveTypeMappingOptions({}) // { int64As: 'bigint', timestampAs: 'date', decimalAs: 'string' }
 * ```
 */
export function resolveTypeMappingOptions(options: E6dataTypeMappingOptions): ResolvedTypeMapping {
  const int64As = options.int64As ?? 'bigint'
  const timestampAs = options.timestampAs ?? 'date'
  const decimalAs = options.decimalAs ?? 'string'
  assertOneOf('int64As', int64As, INT64_TYPES)
  assertOneOf('timestampAs', timestampAs, TIMESTAMP_TYPES)
  assertOneOf('decimalAs', decimalAs, DECIMAL_TYPES)
  return Object.freeze({ int64As, timestampAs, decimalAs })
}

/**
 * The TypeScript type the driver produces for each known e6data column type, under the given
 * value mapping. Types not listed decode to `unknown`. Every column is additionally `| null` in
 * generated code, because the engine does not report nullability.
 *
 * | e6data type | TypeScript |
 * |---|---|
 * | int, integer, short, smallint, tinyint, byte | `number` |
 * | bigint, long | `bigint` (`int64As`: `number` / `string`) |
 * | decimal, numeric | `string` (`decimalAs: 'unknown'`) |
 * | float, double, real | `number` |
 * | boolean, bool | `boolean` |
 * | string, varchar, char, text | `string` |
 * | binary, varbinary | `Uint8Array` |
 * | date | `string` (`YYYY-MM-DD`) |
 * | timestamp, datetime, timestamp_tz | `Date` (`timestampAs`: `'iso'` → `string`, `'micros'` → `bigint`) |
 * | array, map, struct, variant, json | `string` (engine text) |
 *
 * @example
 * ```ts
 * e6dataTypeScriptTypes({ int64As: 'number' }).long // 'number'
 * e6dataTypeScriptTypes({}).timestamp // 'Date'
 * ```
 */
export function e6dataTypeScriptTypes(
  options: E6dataTypeMappingOptions = {},
): Readonly<Record<string, string>> {
  const { int64As, timestampAs, decimalAs } = resolveTypeMappingOptions(options)
  const byGroup: Readonly<Record<keyof typeof TYPE_GROUPS, string>> = {
    int32: 'number',
    int64: INT64_TYPES[int64As],
    decimal: DECIMAL_TYPES[decimalAs],
    float: 'number',
    boolean: 'boolean',
    string: 'string',
    binary: 'Uint8Array',
    date: 'string',
    timestamp: TIMESTAMP_TYPES[timestampAs],
    engineText: 'string',
  }
  const result: Record<string, string> = {}
  for (const [group, names] of Object.entries(TYPE_GROUPS)) {
    for (const name of names) result[name] = byGroup[group as keyof typeof TYPE_GROUPS]
  }
  return Object.freeze(result)
}

function assertOneOf(name: string, value: string, allowed: Readonly<Record<string, string>>): void {
  if (!Object.hasOwn(allowed, value)) {
    throw new InvalidArgumentError(
      `${name} must be one of ${Object.keys(allowed).join(', ')}, got ${JSON.stringify(value)}`,
    )
  }
}

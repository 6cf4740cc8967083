import { InvalidArgumentError } from '../errors.js'
import type { ValueMappingOptions } from '../wire/index.js'

/** The client's `int64As` option. */
export type Int64As = NonNullable<ValueMappingOptions['int64As']>

/** The client's `timestampAs` option. */
export type TimestampAs = NonNullable<ValueMappingOptions['timestampAs']>

/**
 * `'string'` (the driver's exact decimal text) or `'unknown'`, for a client with a custom
 * `decimalAs` mapper (then name the type with `typeMapping: { decimal: 'YourDecimal' }`).
 */
export type DecimalAs = 'string' | 'unknown'

/** The client's value-mapping options, which decide the generated types. */
export interface E6dataTypeMappingOptions {
  /** Type of `bigint`/`long` columns. Default `'bigint'`. */
  readonly int64As?: Int64As | undefined
  /** Type of `timestamp`/`datetime`/`timestamp_tz` columns. Default `'date'`. */
  readonly timestampAs?: TimestampAs | undefined
  /** Type of `decimal`/`numeric` columns. Default `'string'`. */
  readonly decimalAs?: DecimalAs | undefined
}

/** {@link E6dataTypeMappingOptions} with defaults applied. */
export interface ResolvedTypeMapping {
  readonly int64As: Int64As
  readonly timestampAs: TimestampAs
  readonly decimalAs: DecimalAs
}

/** Normalised e6data type names, grouped by the JS value the driver decodes them to. */
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

/** Defaults applied, values checked. */
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
 * The TypeScript type of the value the driver returns for each known e6data type name under the
 * given mapping (README "Type mapping"); other types are `unknown`.
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

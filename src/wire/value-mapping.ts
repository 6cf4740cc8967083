/**
 * Value mapping (protocol.md §10): the one place that decides, per column kind and mapping, how
 * wire values become JS values. `toRows`, `toArrays`, `value`, `readers` and the generated row
 * builder all read through the {@link ColumnReader} chosen here.
 *
 * @module
 */

import { DecodeError, InvalidArgumentError } from '../errors.js'
import type { BatchColumn, ByteRanges, DecimalColumn, Int64Column } from './batch-column.js'
import { decimalBytesToBigInt, decimalText, formatDecimal } from './decimal.js'
import {
  floorDiv,
  formatDays,
  formatIsoMicros,
  MICROS_PER_DAY,
  microsToMillis,
} from './temporal.js'
import type { RawValue, ZonedMicros } from './types.js'
import { bufferOf, HAS_UTF8_SLICE, type SlicingBuffer } from './utf8.js'
import { parseZone } from './zone.js'

/**
 * How values are mapped to JS (defaults: LONG → `bigint`, timestamps → `Date`, DECIMAL128 →
 * exact decimal string). Accepted by `createClient`, per query, and by `toRows`/`toArrays`.
 *
 * @example
 * ```ts
 * const mapping: ValueMappingOptions = {
 *   int64As: 'string',
 *   timestampAs: 'iso',
 *   decimalAs: (unscaled, scale) => ({ unscaled, scale }),
 * }
 * const { rows } = await client.query('select id, placed_at, total from orders', [], mapping)
 * ```
 */
export interface ValueMappingOptions {
  /** LONG values: `'bigint'` (default), `'number'` (throws outside ±(2^53−1)), `'string'`. */
  readonly int64As?: 'bigint' | 'number' | 'string'
  /**
   * DATETIME / TIMESTAMP / TIMESTAMP_TZ: `'date'` (default; ms = ⌊µs/1000⌋), `'iso'`
   * (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, exact) or `'micros'` (`bigint`).
   */
  readonly timestampAs?: 'date' | 'iso' | 'micros'
  /** DECIMAL128: `'string'` (default, exact plain notation) or a custom constructor. */
  readonly decimalAs?: 'string' | ((unscaled: bigint, scale: number) => unknown)
}

/** {@link ValueMappingOptions} with every default applied, validated and frozen. */
export type ResolvedValueMapping = Required<ValueMappingOptions>

/** Reads the mapped value of one row of a column (`null` for SQL NULL). */
export type CellReader = (row: number) => unknown

const resolved = new WeakSet<object>()

function freezeResolved(m: ResolvedValueMapping): ResolvedValueMapping {
  const frozen = Object.freeze({ ...m })
  resolved.add(frozen)
  return frozen
}

/** The default mapping: LONG → `bigint`, timestamps → `Date`, DECIMAL128 → string. */
const DEFAULT_VALUE_MAPPING: ResolvedValueMapping = freezeResolved({
  int64As: 'bigint',
  timestampAs: 'date',
  decimalAs: 'string',
})

/**
 * `options` laid over `base`, validated (→ {@link InvalidArgumentError}). Resolved mappings are
 * returned as they are, so a query resolves once and its batches never merge again.
 */
export function resolveValueMapping(
  options: ValueMappingOptions | undefined,
  base: ResolvedValueMapping = DEFAULT_VALUE_MAPPING,
): ResolvedValueMapping {
  if (options === undefined || resolved.has(options))
    return (options ?? base) as ResolvedValueMapping
  const { int64As, timestampAs, decimalAs } = options
  if (int64As === undefined && timestampAs === undefined && decimalAs === undefined) return base
  if (int64As !== undefined && int64As !== 'bigint' && int64As !== 'number' && int64As !== 'string')
    throw new InvalidArgumentError(`invalid int64As ${String(int64As)}`)
  if (
    timestampAs !== undefined &&
    timestampAs !== 'date' &&
    timestampAs !== 'iso' &&
    timestampAs !== 'micros'
  )
    throw new InvalidArgumentError(`invalid timestampAs ${String(timestampAs)}`)
  if (decimalAs !== undefined && decimalAs !== 'string' && typeof decimalAs !== 'function')
    throw new InvalidArgumentError('invalid decimalAs')
  return freezeResolved({
    int64As: int64As ?? base.int64As,
    timestampAs: timestampAs ?? base.timestampAs,
    decimalAs: decimalAs ?? base.decimalAs,
  })
}

/**
 * How the generated row builder reads a column: `'null'` always null, `'const'` the shared value
 * in `data`, `'bool'`/`'value'` the typed array in `data`, `'utf8'` the slicing Buffer in `data`
 * with `offsets`/`lengths`, `'decimal'` the bytes in `data` with `offsets`/`lengths`/`scale`
 * through {@link decimalText}, `'date'` the int64 words in `data` through {@link dateAt}, `'call'`
 * through `read`.
 */
export type ReadPlan = 'null' | 'const' | 'bool' | 'value' | 'utf8' | 'decimal' | 'date' | 'call'

/** The reader chosen for one column under one mapping. */
export interface ColumnReader {
  readonly plan: ReadPlan
  readonly read: CellReader
  readonly nulls: Uint8Array
  readonly data: unknown
  readonly offsets?: Int32Array
  readonly lengths?: Int32Array
  /** `'decimal'`: the column's scale. */
  readonly scale?: number
  /** `'date'`: the column (its values beyond the fast path, and for errors). */
  readonly column?: Int64Column
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1
const LO = LITTLE_ENDIAN ? 0 : 1
const HI = LITTLE_ENDIAN ? 1 : 0
const TWO_32 = 4294967296
/** |hi word| bound under which hi·2^32 + lo is a safe integer. */
const SAFE_HI = 2097152

/** A {@link DecodeError} for one cell, carrying the column name, index, row and vector type. */
export function cellError(
  col: BatchColumn,
  row: number,
  message: string,
  cause?: unknown,
): DecodeError {
  return new DecodeError(message, {
    column: col.name,
    columnIndex: col.index,
    rowIndex: row,
    vectorType: col.vectorType,
    ...(cause === undefined ? {} : { cause }),
  })
}

/** UTF-8 text of element `i` of `ranges` (invalid sequences → U+FFFD, NUL kept). */
function rangeText(ranges: ByteRanges, i: number): string {
  const s = ranges.offsets[i]!
  return bufferOf(ranges.source).toString('utf8', s, s + ranges.lengths[i]!)
}

/** Zone of row `row` of a TIMESTAMP_TZ column (`'UTC'` when the vector carried no zones). */
export function zoneText(col: Int64Column, row: number): string {
  const z = col.zones
  return z === null ? 'UTC' : rangeText(z, col.constant ? 0 : row)
}

/** The wire-level value of one cell: zones validated, BINARY copied, strings decoded. */
export function rawValue(col: BatchColumn, row: number): RawValue {
  const i = col.constant ? 0 : row
  if (col.nulls[i] !== 0) return null
  switch (col.kind) {
    case 'boolean':
      return col.values[i] !== 0
    case 'int32':
    case 'float64':
      return col.values[i]!
    case 'int64': {
      const micros = col.values[i]!
      if (col.vectorType !== 'TIMESTAMP_TZ') return micros
      const zone = zoneText(col, row)
      checkZone(col, row, zone)
      return { micros, zone } satisfies ZonedMicros
    }
    case 'bytes':
      return col.vectorType === 'BINARY' ? copyBytes(col, i) : rangeText(col, i)
    case 'decimal':
      return unscaledOf(col, i)
    case 'null':
      return null
  }
}

/**
 * Chooses the reader of one column. Hot cases get a single closure (no per-cell dispatch); the
 * row builder inlines the `'bool'`/`'value'`/`'utf8'` plans instead of calling `read`.
 */
export function columnReader(col: BatchColumn, mapping: ResolvedValueMapping): ColumnReader {
  const nulls = col.nulls
  switch (col.kind) {
    case 'null':
      return { plan: 'null', read: () => null, nulls, data: null }
    case 'boolean': {
      const v = col.values
      if (col.constant) return constant(nulls, v[0] !== 0)
      return { plan: 'bool', read: (r) => (nulls[r] !== 0 ? null : v[r] !== 0), nulls, data: v }
    }
    case 'int32':
    case 'float64':
      return typedValues(nulls, col.values, col.constant)
    case 'int64':
      if (col.vectorType === 'LONG' && mapping.int64As === 'bigint')
        return typedValues(nulls, col.values, col.constant)
      return int64Reader(col, mapping)
    case 'bytes':
      if (col.vectorType === 'BINARY') return perCell(col, (i) => copyBytes(col, i), false)
      return stringReader(col)
    case 'decimal':
      return decimalReader(col, mapping)
  }
}

function constant(nulls: Uint8Array, value: unknown): ColumnReader {
  const data = nulls[0] !== 0 ? null : value
  return { plan: 'const', read: () => data, nulls, data }
}

function call(nulls: Uint8Array, read: CellReader): ColumnReader {
  return { plan: 'call', read, nulls, data: read }
}

function typedValues(
  nulls: Uint8Array,
  v: Int32Array | Float64Array | BigInt64Array,
  isConstant: boolean,
): ColumnReader {
  if (isConstant) return constant(nulls, v[0])
  return { plan: 'value', read: (r) => (nulls[r] !== 0 ? null : v[r]!), nulls, data: v }
}

/**
 * A reader from a per-element mapper `at(i, row)`. A constant column shares one mapped value
 * only when `shareable` (immutable, no per-row check); otherwise every row maps afresh.
 */
function perCell(
  col: BatchColumn,
  at: (i: number, row: number) => unknown,
  shareable: boolean,
): ColumnReader {
  const nulls = col.nulls
  if (col.constant) {
    if (shareable) return constant(nulls, nulls[0] !== 0 ? null : at(0, 0))
    return call(nulls, (r) => (nulls[0] !== 0 ? null : at(0, r)))
  }
  return call(nulls, (r) => (nulls[r] !== 0 ? null : at(r, r)))
}

function stringReader(col: ByteRanges & { nulls: Uint8Array; constant: boolean }): ColumnReader {
  const { nulls, offsets, lengths } = col
  const buf: SlicingBuffer = bufferOf(col.source)
  if (col.constant) {
    return constant(
      nulls,
      nulls[0] !== 0 ? null : buf.toString('utf8', offsets[0]!, offsets[0]! + lengths[0]!),
    )
  }
  if (HAS_UTF8_SLICE) {
    return {
      plan: 'utf8',
      read: (r) => (nulls[r] !== 0 ? null : buf.utf8Slice!(offsets[r]!, offsets[r]! + lengths[r]!)),
      nulls,
      data: buf,
      offsets,
      lengths,
    }
  }
  return call(nulls, (r) =>
    nulls[r] !== 0 ? null : buf.toString('utf8', offsets[r]!, offsets[r]! + lengths[r]!),
  )
}

function decimalReader(col: DecimalColumn, mapping: ResolvedValueMapping): ColumnReader {
  const { nulls, scale, source, offsets, lengths } = col
  const as = mapping.decimalAs
  if (typeof as === 'function') return perCell(col, (i) => as(unscaledOf(col, i), scale), false)
  if (col.constant) return perCell(col, (i) => formatDecimal(unscaledOf(col, i), scale), true)
  // the row builder calls decimalText inline (one shared function: no closure call per cell)
  return {
    plan: 'decimal',
    read: (r) => (nulls[r] !== 0 ? null : decimalText(source, offsets[r]!, lengths[r]!, scale)),
    nulls,
    data: source,
    offsets,
    lengths,
    scale,
  }
}

function int64Reader(col: Int64Column, mapping: ResolvedValueMapping): ColumnReader {
  const { nulls, values } = col
  const w = words(col)
  const safe = (i: number): number => {
    const hi = w[2 * i + HI]!
    return hi >= -SAFE_HI && hi < SAFE_HI ? hi * TWO_32 + (w[2 * i + LO]! >>> 0) : Number.NaN
  }
  switch (col.vectorType) {
    case 'LONG':
      if (mapping.int64As === 'string') {
        return perCell(
          col,
          (i) => {
            const n = safe(i)
            return Number.isNaN(n) ? values[i]!.toString() : String(n)
          },
          true,
        )
      }
      return perCell(
        col,
        (i, r) => {
          const n = safe(i)
          if (!Number.isNaN(n) && n >= -Number.MAX_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER)
            return n
          throw cellError(
            col,
            r,
            `LONG value ${values[i]} is outside ±(2^53−1); use int64As 'bigint' or 'string'`,
          )
        },
        false, // not computed up front: a reader throws only when the cell is read
      )
    case 'DATE':
      return perCell(
        col,
        (i) => {
          const n = safe(i)
          if (!Number.isNaN(n)) return formatDays(floorDiv(n, MICROS_PER_DAY))
          const b = values[i]!
          let rem = b % 86_400_000_000n
          if (rem < 0n) rem += 86_400_000_000n
          return formatDays(Number((b - rem) / 86_400_000_000n))
        },
        true,
      )
  }
  const zoned = col.vectorType === 'TIMESTAMP_TZ'
  if (!zoned && !col.constant) {
    // single closures for the common DATETIME/TIMESTAMP columns
    if (mapping.timestampAs === 'date') {
      return {
        plan: 'date',
        read: (r) => (nulls[r] !== 0 ? null : dateAt(w, col, r)),
        nulls,
        data: w,
        column: col,
      }
    }
    if (mapping.timestampAs === 'iso') {
      return call(nulls, (r) => {
        if (nulls[r] !== 0) return null
        const hi = w[2 * r + HI]!
        return formatIsoMicros(
          hi >= -SAFE_HI && hi < SAFE_HI ? hi * TWO_32 + (w[2 * r + LO]! >>> 0) : values[r]!,
        )
      })
    }
  }
  let at: (i: number, r: number) => unknown
  switch (mapping.timestampAs) {
    case 'date':
      at = (i, r) => {
        const n = safe(i)
        const ms = Number.isNaN(n) ? microsToMillis(values[i]!) : floorDiv(n, 1000)
        if (ms === undefined) throw outOfDateRange(col, r)
        return new Date(ms)
      }
      break
    case 'iso':
      at = (i) => {
        const n = safe(i)
        return formatIsoMicros(Number.isNaN(n) ? values[i]! : n)
      }
      break
    case 'micros':
      at = (i) => values[i]!
      break
  }
  if (!zoned) return perCell(col, at, mapping.timestampAs !== 'date')
  // every TIMESTAMP_TZ row is checked for a valid zone
  const base = at
  return perCell(
    col,
    (i, r) => {
      checkZone(col, r, zoneText(col, r))
      return base(i, r)
    },
    false,
  )
}

/**
 * The `Date` of row `r` of a DATETIME/TIMESTAMP column (`words` = its values as 32-bit pairs):
 * milliseconds ⌊µs/1000⌋ without a BigInt while the value is a safe integer. One module-level
 * function for every column, so that the row builder's call to it stays monomorphic.
 */
export function dateAt(words: Int32Array, col: Int64Column, r: number): Date {
  const hi = words[2 * r + HI]!
  if (hi >= -SAFE_HI && hi < SAFE_HI)
    return new Date(floorDiv(hi * TWO_32 + (words[2 * r + LO]! >>> 0), 1000))
  const ms = microsToMillis(col.values[r]!)
  if (ms === undefined) throw outOfDateRange(col, r)
  return new Date(ms)
}

/** The int64 values of a column as pairs of 32-bit words (no BigInt allocation). */
function words(col: Int64Column): Int32Array {
  const v = col.values
  return new Int32Array(v.buffer, v.byteOffset, v.length * 2)
}

function unscaledOf(col: DecimalColumn, i: number): bigint {
  return decimalBytesToBigInt(col.source, col.offsets[i]!, col.lengths[i]!)
}

function checkZone(col: BatchColumn, row: number, zone: string): void {
  try {
    parseZone(zone)
  } catch (err) {
    throw cellError(col, row, (err as Error).message, err)
  }
}

function copyBytes(col: ByteRanges, i: number): Uint8Array {
  const s = col.offsets[i]!
  const out = new Uint8Array(col.lengths[i]!)
  out.set(col.source.subarray(s, s + out.length))
  return out
}

function outOfDateRange(col: Int64Column, row: number): DecodeError {
  const micros = col.values[col.constant ? 0 : row]
  return cellError(
    col,
    row,
    `timestamp ${micros} µs is outside the JS Date range; use timestampAs 'iso' or 'micros'`,
  )
}

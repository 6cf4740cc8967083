/**
 * Value mapping (protocol.md §10): how wire values of a decoded column become JS values.
 * Readers are compiled once per column and mapping, so row materialisation runs tight loops.
 *
 * @module
 */

import { Buffer } from 'node:buffer'
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
import { parseZone } from './zone.js'

/**
 * How values are mapped to JS (defaults: LONG → `bigint`, timestamps → `Date`, DECIMAL128 →
 * exact decimal string).
 *
 * @example
 * ```ts
 * batch.toRows({ int64As: 'string', timestampAs: 'iso' })
 * batch.toRows({ decimalAs: (unscaled, scale) => new Big(`${unscaled}e-${scale}`) })
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

/**
 * Reads the mapped value of one row of a column (`null` for SQL NULL).
 *
 * @example
 * ```ts
 * const read: CellReader = cellReader(batch.column(0))
 * read(0)
 * ```
 */
export type CellReader = (row: number) => unknown

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1
const LO = LITTLE_ENDIAN ? 0 : 1
const HI = LITTLE_ENDIAN ? 1 : 0
const TWO_32 = 4294967296
/** |hi word| bound under which hi·2^32 + lo is a safe integer. */
const SAFE_HI = 2097152

/**
 * Validates mapping options, throwing {@link InvalidArgumentError} for unknown values.
 *
 * @example
 * ```ts
 * checkMappingOptions({ int64As: 'number' })
 * ```
 */
export function checkMappingOptions(options: ValueMappingOptions): void {
  const { int64As, timestampAs, decimalAs } = options
  if (
    int64As !== undefined &&
    int64As !== 'bigint' &&
    int64As !== 'number' &&
    int64As !== 'string'
  ) {
    throw new InvalidArgumentError(`invalid int64As ${String(int64As)}`)
  }
  if (
    timestampAs !== undefined &&
    timestampAs !== 'date' &&
    timestampAs !== 'iso' &&
    timestampAs !== 'micros'
  ) {
    throw new InvalidArgumentError(`invalid timestampAs ${String(timestampAs)}`)
  }
  if (decimalAs !== undefined && decimalAs !== 'string' && typeof decimalAs !== 'function') {
    throw new InvalidArgumentError('invalid decimalAs')
  }
}

/**
 * A {@link DecodeError} for one cell, carrying the column name, index, row and vector type.
 *
 * @example
 * ```ts
 * throw cellError(column, 3, 'value out of range')
 * ```
 */
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

/** A `Buffer` with Node's (long-standing, undocumented) direct UTF-8 slicer. */
type SlicingBuffer = Buffer & { utf8Slice?: (start: number, end: number) => string }

/**
 * A fast `(start, end) => string` UTF-8 decoder over `source` (invalid sequences → U+FFFD, as
 * WHATWG `TextDecoder`). Uses `Buffer#utf8Slice` when present, else `Buffer#toString`.
 */
function utf8Slicer(source: Uint8Array): (start: number, end: number) => string {
  const buf: SlicingBuffer = bufferOf(source)
  if (typeof buf.utf8Slice === 'function') return (s, e) => buf.utf8Slice!(s, e)
  return (s, e) => buf.toString('utf8', s, e)
}

/** A `Buffer` view over `source`, for native string slicing. */
function bufferOf(source: Uint8Array): Buffer {
  return source instanceof Buffer
    ? source
    : Buffer.from(source.buffer, source.byteOffset, source.byteLength)
}

/**
 * Decodes the UTF-8 text of element `i` of `ranges` (invalid sequences → U+FFFD, NUL kept).
 *
 * @example
 * ```ts
 * rangeText(col, 0) // 'hello'
 * ```
 */
export function rangeText(ranges: ByteRanges, i: number): string {
  const s = ranges.offsets[i]!
  return bufferOf(ranges.source).toString('utf8', s, s + ranges.lengths[i]!)
}

/**
 * Zone string of row `row` of a TIMESTAMP_TZ column (`'UTC'` when the vector carried no zones).
 *
 * @example
 * ```ts
 * zoneText(column, 0) // '+05:30'
 * ```
 */
export function zoneText(col: Int64Column, row: number): string {
  const z = col.zones
  return z === null ? 'UTC' : rangeText(z, col.constant ? 0 : row)
}

/** The int64 values of a column as pairs of 32-bit words (no BigInt allocation). */
function words(col: Int64Column): Int32Array {
  const v = col.values
  return new Int32Array(v.buffer, v.byteOffset, v.length * 2)
}

function unscaledOf(col: DecimalColumn, i: number): bigint {
  return decimalBytesToBigInt(col.source, col.offsets[i]!, col.lengths[i]!)
}

/**
 * The wire-level value of one cell (see {@link RawValue}): TIMESTAMP_TZ zones are validated
 * (→ {@link DecodeError}), BINARY is copied, strings are decoded.
 *
 * @example
 * ```ts
 * rawValue(batch.column(0), 1) // 7n
 * ```
 */
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

/**
 * Compiles a reader of mapped values for one column.
 *
 * @example
 * ```ts
 * const read = cellReader(batch.column('id'), { int64As: 'string' })
 * read(0) // '7'
 * ```
 */
export function cellReader(col: BatchColumn, options: ValueMappingOptions = {}): CellReader {
  const nulls = col.nulls
  const c = col.constant
  switch (col.kind) {
    case 'null':
      return () => null
    case 'boolean': {
      const v = col.values
      return c ? constReader(nulls, v[0] !== 0) : (r) => (nulls[r] !== 0 ? null : v[r] !== 0)
    }
    case 'int32':
    case 'float64': {
      const v = col.values
      return c ? constReader(nulls, v[0]!) : (r) => (nulls[r] !== 0 ? null : v[r]!)
    }
    case 'int64':
      return (!c && fastTimestampReader(col, options)) || int64Reader(col, options)
    case 'bytes': {
      const { offsets, lengths } = col
      if (col.vectorType === 'BINARY') {
        return (r) => {
          const i = c ? 0 : r
          return nulls[i] !== 0 ? null : copyBytes(col, i)
        }
      }
      const slice = utf8Slicer(col.source)
      if (c) {
        return constReader(
          nulls,
          nulls[0] !== 0 ? null : slice(offsets[0]!, offsets[0]! + lengths[0]!),
        )
      }
      return (r) => {
        if (nulls[r] !== 0) return null
        const s = offsets[r]!
        return slice(s, s + lengths[r]!)
      }
    }
    case 'decimal':
      return decimalReader(col, options)
  }
}

function constReader(nulls: Uint8Array, value: unknown): CellReader {
  const v = nulls[0] !== 0 ? null : value
  return () => v
}

function decimalReader(col: DecimalColumn, options: ValueMappingOptions): CellReader {
  const { nulls, scale, source, offsets, lengths } = col
  const c = col.constant
  const as = options.decimalAs ?? 'string'
  if (typeof as === 'function') {
    return (r) => {
      const i = c ? 0 : r
      return nulls[i] !== 0 ? null : as(unscaledOf(col, i), scale)
    }
  }
  if (c) return constReader(nulls, nulls[0] !== 0 ? null : formatDecimal(unscaledOf(col, 0), scale))
  return (r) => (nulls[r] !== 0 ? null : decimalText(source, offsets[r]!, lengths[r]!, scale))
}

/** Single-closure readers for the hot DATETIME/TIMESTAMP cases (non-constant, no zones). */
function fastTimestampReader(
  col: Int64Column,
  options: ValueMappingOptions,
): CellReader | undefined {
  if (col.vectorType !== 'DATETIME' && col.vectorType !== 'TIMESTAMP') return undefined
  const { nulls, values } = col
  const w = words(col)
  switch (options.timestampAs ?? 'date') {
    case 'date':
      return (r) => {
        if (nulls[r] !== 0) return null
        const hi = w[2 * r + HI]!
        if (hi >= -SAFE_HI && hi < SAFE_HI) {
          return new Date(floorDiv(hi * TWO_32 + (w[2 * r + LO]! >>> 0), 1000))
        }
        const ms = microsToMillis(values[r]!)
        if (ms === undefined) throw outOfDateRange(col, r, values[r]!)
        return new Date(ms)
      }
    case 'iso':
      return (r) => {
        if (nulls[r] !== 0) return null
        const hi = w[2 * r + HI]!
        return formatIsoMicros(
          hi >= -SAFE_HI && hi < SAFE_HI ? hi * TWO_32 + (w[2 * r + LO]! >>> 0) : values[r]!,
        )
      }
    default:
      return undefined
  }
}

function int64Reader(col: Int64Column, options: ValueMappingOptions): CellReader {
  const { nulls, values } = col
  const c = col.constant
  const w = words(col)
  /** The value at `i` as a number if it is a safe integer, else NaN. */
  const safe = (i: number): number => {
    const hi = w[2 * i + HI]!
    return hi >= -SAFE_HI && hi < SAFE_HI ? hi * TWO_32 + (w[2 * i + LO]! >>> 0) : Number.NaN
  }
  let read: (i: number, r: number) => unknown
  switch (col.vectorType) {
    case 'LONG':
      switch (options.int64As ?? 'bigint') {
        case 'bigint':
          read = (i) => values[i]!
          break
        case 'string':
          read = (i) => {
            const n = safe(i)
            return !Number.isNaN(n) ? String(n) : values[i]!.toString()
          }
          break
        case 'number':
          read = (i, r) => {
            const n = safe(i)
            if (!Number.isNaN(n) && n >= -Number.MAX_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER)
              return n
            throw cellError(
              col,
              r,
              `LONG value ${values[i]} is outside ±(2^53−1); use int64As 'bigint' or 'string'`,
            )
          }
          break
      }
      break
    case 'DATE':
      read = (i) => {
        const n = safe(i)
        if (!Number.isNaN(n)) return formatDays(floorDiv(n, MICROS_PER_DAY))
        const b = values[i]!
        let rem = b % 86_400_000_000n
        if (rem < 0n) rem += 86_400_000_000n
        return formatDays(Number((b - rem) / 86_400_000_000n))
      }
      break
    default: {
      const tz = col.vectorType === 'TIMESTAMP_TZ'
      let base: (i: number, r: number) => unknown
      switch (options.timestampAs ?? 'date') {
        case 'date':
          base = (i, r) => {
            const n = safe(i)
            let ms: number | undefined
            if (!Number.isNaN(n)) {
              ms = floorDiv(n, 1000)
            } else {
              ms = microsToMillis(values[i]!)
              if (ms === undefined) {
                throw cellError(
                  col,
                  r,
                  `timestamp ${values[i]} µs is outside the JS Date range; use timestampAs 'iso' or 'micros'`,
                )
              }
            }
            return new Date(ms)
          }
          break
        case 'iso':
          base = (i) => {
            const n = safe(i)
            return formatIsoMicros(!Number.isNaN(n) ? n : values[i]!)
          }
          break
        case 'micros':
          base = (i) => values[i]!
          break
      }
      if (tz) {
        read = (i, r) => {
          checkZone(col, r, zoneText(col, r))
          return base(i, r)
        }
      } else {
        read = base
      }
    }
  }
  const f = read
  if (c) {
    return (r) => (nulls[0] !== 0 ? null : f(0, r))
  }
  return (r) => (nulls[r] !== 0 ? null : f(r, r))
}

/**
 * Maps a whole column to an array of JS values (one per row). The common cases run
 * specialised loops; the rest go through {@link cellReader}.
 *
 * @example
 * ```ts
 * mapColumn(batch.column(0), batch.rowCount) // [7n, null]
 * ```
 */
export function mapColumn(
  col: BatchColumn,
  rowCount: number,
  options: ValueMappingOptions = {},
): unknown[] {
  const out = new Array<unknown>(rowCount)
  if (col.kind === 'null') return out.fill(null)
  if (col.constant) {
    if (sharesConstant(col, options)) return out.fill(cellReader(col, options)(0))
    const read = cellReader(col, options)
    for (let r = 0; r < rowCount; r++) out[r] = read(r)
    return out
  }
  const nulls = col.nulls
  switch (col.kind) {
    case 'float64':
    case 'int32': {
      const v = col.values
      for (let r = 0; r < rowCount; r++) out[r] = nulls[r] !== 0 ? null : v[r]
      return out
    }
    case 'boolean': {
      const v = col.values
      for (let r = 0; r < rowCount; r++) out[r] = nulls[r] !== 0 ? null : v[r] !== 0
      return out
    }
    case 'bytes': {
      if (col.vectorType === 'BINARY') break
      const { offsets, lengths } = col
      const slice = utf8Slicer(col.source)
      for (let r = 0; r < rowCount; r++) {
        if (nulls[r] !== 0) {
          out[r] = null
        } else {
          const s = offsets[r]!
          out[r] = slice(s, s + lengths[r]!)
        }
      }
      return out
    }
    case 'int64': {
      const values = col.values
      if (col.vectorType === 'LONG' && (options.int64As ?? 'bigint') === 'bigint') {
        for (let r = 0; r < rowCount; r++) out[r] = nulls[r] !== 0 ? null : values[r]
        return out
      }
      break
    }
    case 'decimal': {
      if (typeof options.decimalAs === 'function') break
      const read = decimalReader(col, options)
      for (let r = 0; r < rowCount; r++) out[r] = nulls[r] !== 0 ? null : read(r)
      return out
    }
  }
  const read = cellReader(col, options)
  for (let r = 0; r < rowCount; r++) out[r] = read(r)
  return out
}

/**
 * Whether every row of a constant column can share one mapped value: true unless the value is
 * mutable (`Date`, `Uint8Array`), user-constructed (`decimalAs` function) or needs a per-row
 * zone check (TIMESTAMP_TZ).
 *
 * @example
 * ```ts
 * if (col.constant && sharesConstant(col, {})) rows.fill(cellReader(col)(0))
 * ```
 */
export function sharesConstant(col: BatchColumn, options: ValueMappingOptions): boolean {
  if (!col.constant) return false
  switch (col.kind) {
    case 'int64':
      return (
        !isTimestamp(col) ||
        ((options.timestampAs ?? 'date') !== 'date' && col.vectorType !== 'TIMESTAMP_TZ')
      )
    case 'bytes':
      return col.vectorType !== 'BINARY'
    case 'decimal':
      return typeof options.decimalAs !== 'function'
    default:
      return true
  }
}

function isTimestamp(col: BatchColumn): boolean {
  const t = col.vectorType
  return t === 'DATETIME' || t === 'TIMESTAMP' || t === 'TIMESTAMP_TZ'
}

function outOfDateRange(col: BatchColumn, row: number, micros: bigint): DecodeError {
  return cellError(
    col,
    row,
    `timestamp ${micros} µs is outside the JS Date range; use timestampAs 'iso' or 'micros'`,
  )
}

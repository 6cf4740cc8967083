/**
 * Zoned access to TIMESTAMP_TZ cells (protocol.md §9.5, §9.7).
 *
 * @module
 */

import { InvalidArgumentError } from '../errors.js'
import type { ColumnarBatch } from './columnar-batch.js'
import { cellError, zoneText } from './value-mapping.js'
import { formatZonedTimestamp, parseZone, zoneOffsetSeconds } from './zone.js'

/**
 * A TIMESTAMP_TZ cell: instant, zone, offset at that instant and the zoned presentation.
 *
 * @example
 * ```ts
 * const z = zonedTimestamp(batch, 'ts', 0)
 * z?.offsetSeconds // 19800
 * ```
 */
export interface ZonedTimestamp {
  /** Epoch microseconds (the UTC instant). */
  readonly micros: bigint
  /** Zone string as sent (`'UTC'` when the vector carried none). */
  readonly zone: string
  /** UTC offset in force at the instant, in seconds. */
  readonly offsetSeconds: number
  /** Local date-time plus offset, e.g. `2026-02-12T05:30:00.123456+05:30`. */
  readonly text: string
}

/**
 * Reads a TIMESTAMP_TZ cell with its zone: `null` for SQL NULL. Throws
 * {@link InvalidArgumentError} for a column of another type and `DecodeError` for an
 * unparseable zone.
 *
 * @example
 * ```ts
 * zonedTimestamp(batch, 'ts', 0)?.text // '2026-02-12T05:30:00.123456+05:30'
 * ```
 */
export function zonedTimestamp(
  batch: ColumnarBatch,
  col: string | number,
  row: number,
): ZonedTimestamp | null {
  const c = batch.column(col)
  if (c.kind !== 'int64' || c.vectorType !== 'TIMESTAMP_TZ') {
    throw new InvalidArgumentError(
      `column ${JSON.stringify(c.name)} is ${c.vectorType}, not TIMESTAMP_TZ`,
    )
  }
  if (batch.isNull(col, row)) return null
  const micros = c.values[c.constant ? 0 : row]!
  const zone = zoneText(c, row)
  try {
    const parsed = parseZone(zone)
    const offsetSeconds = zoneOffsetSeconds(parsed, micros)
    return { micros, zone, offsetSeconds, text: formatZonedTimestamp(micros, parsed) }
  } catch (err) {
    throw cellError(c, row, (err as Error).message, err)
  }
}

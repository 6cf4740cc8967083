/**
 * TIMESTAMP_TZ zones (protocol.md §9.5): parsing of Java `ZoneId` strings and the zoned
 * presentation of an instant. Offsets of IANA region names are computed exactly at the instant
 * with `Intl.DateTimeFormat`.
 *
 * @module
 */

import { DecodeError } from '../errors.js'
import { formatDays, formatTimeOfDay, microsToMillis, splitMicros } from './temporal.js'

/** A parsed zone: a fixed offset, or an IANA region whose offset depends on the instant. */
export type ParsedZone =
  | { readonly kind: 'offset'; readonly id: string; readonly offsetSeconds: number }
  | { readonly kind: 'region'; readonly id: string; readonly formatter: Intl.DateTimeFormat }

const OFFSET_RE = /^([+-])(\d{1,2})(?::?(\d{2})(?::?(\d{2}))?)?$/
const REGION_RE = /^[A-Za-z][A-Za-z0-9~/._+-]+$/
const MAX_CACHE = 1024
const cache = new Map<string, ParsedZone | DecodeError>()

function parseOffset(text: string): number | undefined {
  const m = OFFSET_RE.exec(text)
  if (m === null) return undefined
  const [, sign, hh, mm, ss] = m
  // Java accepts ±H, ±HH, ±HH:MM, ±HHMM, ±HH:MM:SS, ±HHMMSS (separators used consistently)
  const colons = text.split(':').length - 1
  if (colons > 0 && (hh!.length !== 2 || (ss !== undefined && colons !== 2))) return undefined
  if (colons === 0 && mm !== undefined && hh!.length !== 2) return undefined
  const h = Number(hh)
  const mi = mm === undefined ? 0 : Number(mm)
  const s = ss === undefined ? 0 : Number(ss)
  if (h > 18 || mi > 59 || s > 59) return undefined
  const total = h * 3600 + mi * 60 + s
  if (total > 18 * 3600) return undefined
  return sign === '-' ? -total : total
}

function parse(zone: string): ParsedZone {
  if (zone === 'Z') return { kind: 'offset', id: zone, offsetSeconds: 0 }
  if (zone.startsWith('+') || zone.startsWith('-')) {
    const off = parseOffset(zone)
    if (off !== undefined) return { kind: 'offset', id: zone, offsetSeconds: off }
    throw new DecodeError(`invalid zone offset ${JSON.stringify(zone)}`)
  }
  for (const prefix of ['UTC', 'GMT', 'UT']) {
    if (zone === prefix) return { kind: 'offset', id: zone, offsetSeconds: 0 }
    const rest = zone.slice(prefix.length)
    if (zone.startsWith(prefix) && (rest.startsWith('+') || rest.startsWith('-'))) {
      const off = parseOffset(rest)
      if (off !== undefined) return { kind: 'offset', id: zone, offsetSeconds: off }
      throw new DecodeError(`invalid zone offset ${JSON.stringify(zone)}`)
    }
  }
  if (REGION_RE.test(zone)) {
    try {
      const formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        timeZoneName: 'longOffset',
      })
      return { kind: 'region', id: zone, formatter }
    } catch {
      // fall through
    }
  }
  throw new DecodeError(`unknown time zone ${JSON.stringify(zone)}`)
}

/**
 * Parses a Java `ZoneId` string: `Z`; `±H`, `±HH`, `±HH:MM`, `±HHMM`, `±HH:MM:SS`, `±HHMMSS`
 * (at most ±18:00); `UTC`, `GMT`, `UT` optionally followed by such an offset; or an IANA region
 * name known to `Intl`. Anything else throws {@link DecodeError}. Results are cached.
 */
export function parseZone(zone: string): ParsedZone {
  let hit = cache.get(zone)
  if (hit === undefined) {
    try {
      hit = parse(zone)
    } catch (err) {
      hit = err as DecodeError
    }
    if (cache.size >= MAX_CACHE) cache.clear()
    cache.set(zone, hit)
  }
  if (hit instanceof DecodeError) throw new DecodeError(hit.message)
  return hit
}

/**
 * The UTC offset, in seconds, of `zone` at the instant `micros` (epoch µs). Throws
 * {@link DecodeError} for an unparseable zone, or for a region zone at an instant outside the JS
 * `Date` range.
 */
export function zoneOffsetSeconds(zone: string | ParsedZone, micros: bigint | number): number {
  const z = typeof zone === 'string' ? parseZone(zone) : zone
  if (z.kind === 'offset') return z.offsetSeconds
  const ms = microsToMillis(micros)
  if (ms === undefined) {
    throw new DecodeError(`instant outside the supported range for zone ${JSON.stringify(z.id)}`)
  }
  const parts = z.formatter.formatToParts(ms)
  let name = 'GMT'
  for (const p of parts) if (p.type === 'timeZoneName') name = p.value
  if (name === 'GMT' || name === 'UTC') return 0
  const off = parseOffset(name.slice(3))
  if (off === undefined)
    throw new DecodeError(`cannot compute the offset of ${JSON.stringify(z.id)}`)
  return off
}

/** Formats an offset as `Z` (zero) or `±HH:MM` (`±HH:MM:SS` when seconds are present). */
function formatOffset(offsetSeconds: number): string {
  if (offsetSeconds === 0) return 'Z'
  const a = Math.abs(offsetSeconds)
  const h = Math.floor(a / 3600)
  const m = Math.floor((a % 3600) / 60)
  const s = a % 60
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${offsetSeconds < 0 ? '-' : '+'}${two(h)}:${two(m)}${s === 0 ? '' : `:${two(s)}`}`
}

/**
 * The zoned presentation of an instant: local date-time in `zone` with 6 fraction digits and the
 * offset in force at that instant (`Z` when it is zero), e.g.
 * `2026-02-12T05:30:00.123456+05:30`. Throws {@link DecodeError} for an unparseable zone.
 */
export function formatZonedTimestamp(micros: bigint | number, zone: string | ParsedZone): string {
  const offset = zoneOffsetSeconds(zone, micros)
  const local = BigInt(micros) + BigInt(offset) * 1_000_000n
  const [days, rem] = splitMicros(local)
  return `${formatDays(days)}${formatTimeOfDay(rem)}${formatOffset(offset)}`
}

/**
 * Temporal rendering (protocol.md §9.5): epoch microseconds → `YYYY-MM-DD` dates and exact ISO
 * instants, proleptic Gregorian with year 0, extended `±YYYYYY` years outside 0000–9999. Never
 * uses local time.
 *
 * @module
 */

/** Microseconds per day. */
export const MICROS_PER_DAY = 86_400_000_000
const MICROS_PER_DAY_N = 86_400_000_000n

/**
 * `[year, month, day]` of a day number counted from 1970-01-01 (proleptic Gregorian, year 0
 * exists; H. Hinnant's `civil_from_days`).
 */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d]
}

const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))

/**
 * ⌊n / d⌋ for a safe integer `n` and a positive integer `d`, exact (the float quotient is
 * corrected by one step; avoids the slow floating-point `%`).
 */
export function floorDiv(n: number, d: number): number {
  const q = Math.floor(n / d)
  const r = n - q * d
  return r < 0 ? q - 1 : r >= d ? q + 1 : q
}
const pad2 = (n: number): string => PAD2[n] ?? String(n)

/** Formats a year: 4 digits for 0000–9999, otherwise the extended form `+YYYYYY` / `-YYYYYY`. */
function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0')
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0')
}

const dayCache = new Map<number, string>()
const DAY_CACHE_LIMIT = 4096

/** `YYYY-MM-DD` of a day number counted from 1970-01-01 (memoised: result sets repeat days). */
export function formatDays(days: number): string {
  let s = dayCache.get(days)
  if (s === undefined) {
    const [y, m, d] = civilFromDays(days)
    s = `${formatYear(y)}-${pad2(m)}-${pad2(d)}`
    if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear()
    dayCache.set(days, s)
  }
  return s
}

/**
 * Splits epoch microseconds into a day number and the microseconds within that day, with floor
 * semantics for negative values.
 */
export function splitMicros(micros: bigint | number): [number, number] {
  if (typeof micros === 'number' && Number.isSafeInteger(micros)) {
    const days = floorDiv(micros, MICROS_PER_DAY)
    return [days, micros - days * MICROS_PER_DAY]
  }
  const b = BigInt(micros)
  let r = b % MICROS_PER_DAY_N
  if (r < 0n) r += MICROS_PER_DAY_N
  return [Number((b - r) / MICROS_PER_DAY_N), Number(r)]
}

/** The DATE rendering of epoch microseconds: the UTC day containing the instant, `YYYY-MM-DD`. */
export function formatDate(micros: bigint | number): string {
  return formatDays(splitMicros(micros)[0])
}

/** `THH:MM:SS.ffffff` for microseconds within a day (0 ≤ `micros` < 86 400 000 000). */
export function formatTimeOfDay(micros: number): string {
  return timeOfDay(micros, false)
}

/**
 * Builds `THH:MM:SS.ffffff` (+ `Z`) in one flat string allocation (measurably faster than
 * concatenating padded parts, which allocates a chain of cons strings).
 */
function timeOfDay(micros: number, z: boolean): string {
  const secs = floorDiv(micros, 1_000_000)
  const f = micros - secs * 1_000_000
  const h = (secs / 3600) | 0
  const r = secs - h * 3600
  const mi = (r / 60) | 0
  const s = r - mi * 60
  const f1 = (f / 1000) | 0
  const f2 = f - f1 * 1000
  const h1 = (h / 10) | 0
  const mi1 = (mi / 10) | 0
  const s1 = (s / 10) | 0
  const a = (f1 / 100) | 0
  const b = (f1 / 10) | 0
  const c = (f2 / 100) | 0
  const d = (f2 / 10) | 0
  const t = String.fromCharCode(
    84,
    48 + h1,
    48 + h - h1 * 10,
    58,
    48 + mi1,
    48 + mi - mi1 * 10,
    58,
    48 + s1,
    48 + s - s1 * 10,
    46,
    48 + a,
    48 + b - a * 10,
    48 + f1 - b * 10,
    48 + c,
    48 + d - c * 10,
    48 + f2 - d * 10,
  )
  return z ? t + 'Z' : t
}

/**
 * The exact UTC instant `YYYY-MM-DDTHH:MM:SS.ffffffZ` of epoch microseconds (6 fraction digits,
 * extended years outside 0000–9999).
 */
export function formatIsoMicros(micros: bigint | number): string {
  if (typeof micros === 'number' && Number.isSafeInteger(micros)) {
    const days = floorDiv(micros, MICROS_PER_DAY)
    return formatDays(days) + timeOfDay(micros - days * MICROS_PER_DAY, true)
  }
  const [days, rem] = splitMicros(micros)
  return formatDays(days) + timeOfDay(rem, true)
}

/** Largest |ms| a JS `Date` can hold. */
export const MAX_DATE_MS = 8.64e15

/**
 * Epoch milliseconds ⌊µs / 1000⌋ of epoch microseconds, or `undefined` when the instant is
 * outside the JS `Date` range (±8.64e15 ms).
 */
export function microsToMillis(micros: bigint | number): number | undefined {
  if (typeof micros === 'number' && Number.isSafeInteger(micros)) return floorDiv(micros, 1000)
  const b = BigInt(micros)
  let r = b % 1000n
  if (r < 0n) r += 1000n
  const ms = (b - r) / 1000n
  if (ms > 8_640_000_000_000_000n || ms < -8_640_000_000_000_000n) return undefined
  return Number(ms)
}

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
 *
 * @example
 * ```ts
 * civilFromDays(-1) // [1969, 12, 31]
 * ```
 */
export function civilFromDays(days: number): [number, number, number] {
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

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/**
 * Formats a year: 4 digits for 0000–9999, otherwise the extended form `+YYYYYY` / `-YYYYYY`.
 *
 * @example
 * ```ts
 * formatYear(10000) // '+010000'
 * ```
 */
export function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0')
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0')
}

/**
 * `YYYY-MM-DD` of a day number counted from 1970-01-01.
 *
 * @example
 * ```ts
 * formatDays(0) // '1970-01-01'
 * ```
 */
export function formatDays(days: number): string {
  const [y, m, d] = civilFromDays(days)
  return `${formatYear(y)}-${pad2(m)}-${pad2(d)}`
}

/**
 * Splits epoch microseconds into a day number and the microseconds within that day, with floor
 * semantics for negative values.
 *
 * @example
 * ```ts
 * splitMicros(-1n) // [-1, 86399999999]
 * ```
 */
export function splitMicros(micros: bigint | number): [number, number] {
  if (typeof micros === 'number' && Number.isSafeInteger(micros)) {
    const r = micros % MICROS_PER_DAY
    const rem = r < 0 ? r + MICROS_PER_DAY : r
    return [(micros - rem) / MICROS_PER_DAY, rem]
  }
  const b = BigInt(micros)
  let r = b % MICROS_PER_DAY_N
  if (r < 0n) r += MICROS_PER_DAY_N
  return [Number((b - r) / MICROS_PER_DAY_N), Number(r)]
}

/**
 * The DATE rendering of epoch microseconds: the UTC day containing the instant, `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * formatDate(-1n) // '1969-12-31'
 * formatDate(253402300800000000n) // '+010000-01-01'
 * ```
 */
export function formatDate(micros: bigint | number): string {
  return formatDays(splitMicros(micros)[0])
}

/**
 * `THH:MM:SS.ffffff` for microseconds within a day (0 ≤ `micros` < 86 400 000 000).
 *
 * @example
 * ```ts
 * formatTimeOfDay(1000) // 'T00:00:00.001000'
 * ```
 */
export function formatTimeOfDay(micros: number): string {
  const frac = micros % 1_000_000
  const secs = (micros - frac) / 1_000_000
  const s = secs % 60
  const mins = (secs - s) / 60
  const mi = mins % 60
  const h = (mins - mi) / 60
  return `T${pad2(h)}:${pad2(mi)}:${pad2(s)}.${String(frac).padStart(6, '0')}`
}

/**
 * The exact UTC instant `YYYY-MM-DDTHH:MM:SS.ffffffZ` of epoch microseconds (6 fraction digits,
 * extended years outside 0000–9999).
 *
 * @example
 * ```ts
 * formatIsoMicros(-1n) // '1969-12-31T23:59:59.999999Z'
 * ```
 */
export function formatIsoMicros(micros: bigint | number): string {
  const [days, rem] = splitMicros(micros)
  return `${formatDays(days)}${formatTimeOfDay(rem)}Z`
}

/** Largest |ms| a JS `Date` can hold. */
export const MAX_DATE_MS = 8.64e15

/**
 * Epoch milliseconds ⌊µs / 1000⌋ of epoch microseconds, or `undefined` when the instant is
 * outside the JS `Date` range (±8.64e15 ms).
 *
 * @example
 * ```ts
 * microsToMillis(-1n) // -1
 * ```
 */
export function microsToMillis(micros: bigint | number): number | undefined {
  if (typeof micros === 'number' && Number.isSafeInteger(micros)) {
    const r = micros % 1000
    return (micros - r) / 1000 - (r < 0 ? 1 : 0)
  }
  const b = BigInt(micros)
  let r = b % 1000n
  if (r < 0n) r += 1000n
  const ms = (b - r) / 1000n
  if (ms > 8_640_000_000_000_000n || ms < -8_640_000_000_000_000n) return undefined
  return Number(ms)
}

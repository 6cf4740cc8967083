/**
 * Exact text of one result value, shared by every output format: integers and decimals keep
 * every digit, dates and timestamps are the driver's exact strings (`timestampAs: 'iso'`),
 * binary is `\x` + hex.
 *
 * @module
 */

/**
 * The exact text of a non-null value.
 *
 * @example
 * ```ts
 * cellText(9223372036854775807n) // '9223372036854775807'
 * cellText(new Uint8Array([0, 255])) // '\\x00ff'
 * ```
 */
export function cellText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value
    case 'bigint':
      return value.toString()
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value)
    case 'boolean':
      return value ? 'true' : 'false'
    default:
      if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`
      if (value instanceof Date) return value.toISOString()
      return String(value)
  }
}

/** Vector types whose values are numbers (right-aligned, bare in JSON). */
const NUMERIC = new Set(['INTEGER', 'LONG', 'FLOAT', 'DOUBLE', 'DECIMAL128'])

/**
 * Whether a column of this vector type holds numbers.
 *
 * @example
 * ```ts
 * isNumericType('DECIMAL128') // true
 * ```
 */
export function isNumericType(typeName: string): boolean {
  return NUMERIC.has(typeName.toUpperCase())
}

/**
 * One value as JSON text: int64 and decimals as bare numbers with every digit (exact text;
 * parse with a big-number-aware reader), NaN/±Infinity as strings, binary as a `\x…` string.
 *
 * @example
 * ```ts
 * jsonValue(12345678901234567890n, 'LONG') // '12345678901234567890'
 * jsonValue('12.30', 'DECIMAL128') // '12.30'
 * ```
 */
export function jsonValue(value: unknown, typeName: string): string {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'bigint':
      return value.toString()
    case 'number':
      return Number.isFinite(value) ? String(value) : JSON.stringify(String(value))
    case 'boolean':
      return value ? 'true' : 'false'
    case 'string':
      return typeName.toUpperCase() === 'DECIMAL128' && /^-?\d+(\.\d+)?$/.test(value)
        ? value
        : JSON.stringify(value)
    default:
      return JSON.stringify(cellText(value))
  }
}

/**
 * Terminal columns taken by `text`: East Asian wide and fullwidth characters and emoji take 2,
 * combining marks and zero-width characters 0.
 *
 * @example
 * ```ts
 * displayWidth('漢字') // 4
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number
    if (cp < 0x300) {
      width += cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 0 : 1
      continue
    }
    if (ZERO_WIDTH.test(ch)) continue
    width += isWide(cp) ? 2 : 1
  }
  return width
}

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

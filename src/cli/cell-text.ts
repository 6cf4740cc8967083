/** Every digit of integers and decimals, the driver's exact date strings, binary as `\x` hex. */
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

export function isNumericType(typeName: string): boolean {
  return NUMERIC.has(typeName.toUpperCase())
}

/** int64 and decimals as bare JSON numbers with every digit; NaN/±Infinity as strings. */
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

/** Terminal columns: wide characters and emoji take 2, combining and zero-width ones 0. */
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

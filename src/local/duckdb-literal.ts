/**
 * The one way the local engine writes a string value into DuckDB SQL.
 *
 * @module
 */

/**
 * A DuckDB string literal holding exactly `value`: a standard `'…'` literal (`'` doubled, no
 * backslash processing), or a `||` concatenation with `chr(0)` for NUL characters, where DuckDB's
 * parser would stop reading.
 *
 * @example
 * ```ts
 * duckdbStringLiteral("it's") // "'it''s'"
 * duckdbStringLiteral('a\0b') // "('a' || chr(0) || 'b')"
 * ```
 */
export function duckdbStringLiteral(value: string): string {
  if (!value.includes('\0')) return quote(value)
  return `(${value.split('\0').map(quote).join(' || chr(0) || ')})`
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

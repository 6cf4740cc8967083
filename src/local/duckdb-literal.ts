/**
 * The one way the engine writes a string into DuckDB SQL: a standard literal, with `chr(0)`
 * concatenated for NUL, where DuckDB's parser would stop reading.
 */
export function duckdbStringLiteral(value: string): string {
  if (!value.includes('\0')) return quote(value)
  return `(${value.split('\0').map(quote).join(' || chr(0) || ')})`
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

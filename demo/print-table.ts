/** Prints rows as an aligned text table (bigint, Date, Uint8Array and null rendered readably). */
export function printTable(title: string, rows: readonly Record<string, unknown>[]): void {
  console.log(`\n\x1b[1m${title}\x1b[0m`)
  if (rows.length === 0) {
    console.log('  (no rows)')
    return
  }
  const columns = Object.keys(rows[0] ?? {})
  const cells = rows.map((row) => columns.map((c) => show(row[c])))
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)))
  const line = (values: readonly string[]) =>
    `  ${values.map((v, i) => (isNumeric(v) ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join('  ')}`
  console.log(line(columns))
  console.log(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`)
  for (const r of cells) console.log(line(r))
}

function isNumeric(v: string): boolean {
  return /^-?\d[\d.]*$/.test(v)
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string') return value.length > 48 ? `${value.slice(0, 45)}...` : value
  return String(value)
}

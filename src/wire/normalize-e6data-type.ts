/**
 * Normalises an e6data column type string the way the reference connector does: trims it,
 * lower-cases it and cuts it at the first `(` or `<`. Idempotent.
 *
 * @example
 * ```ts
 * normalizeE6dataType('DECIMAL(7,2)') // 'decimal'
 * normalizeE6dataType('array<int>') // 'array'
 * normalizeE6dataType('LONG') // 'long'
 * ```
 */
export function normalizeE6dataType(rawType: string): string {
  const lower = rawType.trim().toLowerCase()
  const cut = lower.search(/[(<]/)
  return (cut === -1 ? lower : lower.slice(0, cut)).trim()
}

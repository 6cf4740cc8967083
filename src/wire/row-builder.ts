/**
 * Row materialisation. For each schema (names + read plans) one function is generated that builds
 * every row with a single object (or array) literal, reading typed arrays inline: no intermediate
 * column arrays, and every row object gets the same hidden class.
 *
 * @module
 */

import { decimalText } from './decimal.js'
import { type ColumnReader, dateAt, type ReadPlan } from './value-mapping.js'

/** Above this many columns rows are built by a generic loop instead of generated code. */
const MAX_COMPILED_COLUMNS = 1000
const MAX_CACHED = 256

/** The generated builder; the shared helpers come in as arguments (the body is compiled code). */
type Generated = (
  readers: readonly ColumnReader[],
  rowCount: number,
  decimal: typeof decimalText,
  date: typeof dateAt,
) => unknown[]

const cache = new Map<string, Generated>()

function expression(plan: ReadPlan, j: number): string {
  switch (plan) {
    case 'null':
      return 'null'
    case 'const':
      return `v${j}`
    case 'bool':
      return `(n${j}[r] !== 0 ? null : v${j}[r] !== 0)`
    case 'value':
      return `(n${j}[r] !== 0 ? null : v${j}[r])`
    case 'utf8':
      return `(n${j}[r] !== 0 ? null : v${j}.utf8Slice(o${j}[r], o${j}[r] + l${j}[r]))`
    case 'decimal':
      return `(n${j}[r] !== 0 ? null : decimalText(v${j}, o${j}[r], l${j}[r], s${j}))`
    case 'date':
      return `(n${j}[r] !== 0 ? null : dateAt(v${j}, k${j}, r))`
    case 'call':
      return `v${j}(r)`
  }
}

function generate(names: readonly string[] | null, plans: readonly ReadPlan[]): Generated {
  const decls = plans
    .map(
      (_, j) =>
        `const c${j} = readers[${j}], n${j} = c${j}.nulls, v${j} = c${j}.data, o${j} = c${j}.offsets, l${j} = c${j}.lengths, s${j} = c${j}.scale, k${j} = c${j}.column;`,
    )
    .join('\n')
  const cells = plans.map((p, j) => {
    const e = expression(p, j)
    if (names === null) return e
    const name = names[j]!
    // '__proto__' must be a computed key, otherwise the literal would set the prototype
    return `${name === '__proto__' ? `["__proto__"]` : JSON.stringify(name)}: ${e}`
  })
  const literal = names === null ? `[${cells.join(', ')}]` : `{ ${cells.join(', ')} }`
  return new Function(
    'readers',
    'rowCount',
    'decimalText',
    'dateAt',
    `${decls}\nconst out = new Array(rowCount);\nfor (let r = 0; r < rowCount; r++) out[r] = ${literal};\nreturn out;`,
  ) as Generated
}

function build(
  readers: readonly ColumnReader[],
  names: readonly string[] | null,
  rowCount: number,
): unknown[] {
  const plans = readers.map((c) => c.plan)
  const key = JSON.stringify([names, plans])
  let fn = cache.get(key)
  if (fn === undefined) {
    fn = generate(names, plans)
    if (cache.size >= MAX_CACHED) cache.clear()
    cache.set(key, fn)
  }
  return fn(readers, rowCount, decimalText, dateAt)
}

/**
 * All rows as objects keyed by column name (`__proto__` becomes an own property). Callers check
 * that names are unique first (`checkUniqueColumnNames`).
 */
export function buildRows(
  readers: readonly ColumnReader[],
  names: readonly string[],
  rowCount: number,
): Record<string, unknown>[] {
  if (readers.length <= MAX_COMPILED_COLUMNS)
    return build(readers, names, rowCount) as Record<string, unknown>[]
  const out = new Array<Record<string, unknown>>(rowCount)
  for (let r = 0; r < rowCount; r++) {
    const row: Record<string, unknown> = {}
    for (let j = 0; j < names.length; j++) {
      Object.defineProperty(row, names[j]!, {
        value: readers[j]!.read(r),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    out[r] = row
  }
  return out
}

/** All rows as arrays in column order. */
export function buildArrays(readers: readonly ColumnReader[], rowCount: number): unknown[][] {
  if (readers.length <= MAX_COMPILED_COLUMNS) return build(readers, null, rowCount) as unknown[][]
  const out = new Array<unknown[]>(rowCount)
  for (let r = 0; r < rowCount; r++) {
    const row = new Array<unknown>(readers.length)
    for (let j = 0; j < readers.length; j++) row[j] = readers[j]!.read(r)
    out[r] = row
  }
  return out
}

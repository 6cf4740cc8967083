/**
 * Compiled row materialisation. For each batch schema (column names + storage plan) a function
 * is generated once that walks the rows and builds every row with one object (or array) literal,
 * reading typed arrays inline. Compared with mapping whole columns first, this avoids
 * intermediate arrays and the write-barrier/GC cost of storing hundreds of thousands of fresh
 * values into them, and gives every row object the same hidden class.
 *
 * @module
 */

import { Buffer } from 'node:buffer'
import type { BatchColumn } from './batch-column.js'
import { cellReader, mapColumn, sharesConstant, type ValueMappingOptions } from './value-mapping.js'

/** Above this many columns rows are built by a generic loop instead of generated code. */
const MAX_COMPILED_COLUMNS = 1000
const MAX_CACHED = 256

/** How one column's cell is produced inside the generated loop. */
type Plan =
  | 'null' // always null
  | 'const' // one shared value
  | 'bool' // boolean byte view
  | 'value' // typed array element as is (int32, float64, LONG as bigint)
  | 'utf8' // lazily decoded string via Buffer#utf8Slice
  | 'reader' // a compiled cell reader

/** Per-column inputs of a generated builder. */
interface Context {
  readonly n: (Uint8Array | undefined)[]
  readonly v: unknown[]
  readonly o: (Int32Array | undefined)[]
  readonly l: (Int32Array | undefined)[]
}

type Generated = (ctx: Context, rowCount: number) => unknown[]

const cache = new Map<string, Generated>()

type SlicingBuffer = Buffer & { utf8Slice?: (start: number, end: number) => string }

function planOf(col: BatchColumn, options: ValueMappingOptions): Plan {
  if (col.kind === 'null') return 'null'
  if (col.constant) return sharesConstant(col, options) ? 'const' : 'reader'
  switch (col.kind) {
    case 'boolean':
      return 'bool'
    case 'int32':
    case 'float64':
      return 'value'
    case 'int64':
      return col.vectorType === 'LONG' && (options.int64As ?? 'bigint') === 'bigint'
        ? 'value'
        : 'reader'
    case 'bytes':
      return col.vectorType !== 'BINARY' &&
        typeof (Buffer.prototype as SlicingBuffer).utf8Slice === 'function'
        ? 'utf8'
        : 'reader'
    default:
      return 'reader'
  }
}

function expression(plan: Plan, j: number): string {
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
    case 'reader':
      return `v${j}(r)`
  }
}

function generate(names: readonly string[] | null, plans: readonly Plan[]): Generated {
  const decls = plans
    .map(
      (_, j) =>
        `const n${j} = ctx.n[${j}], v${j} = ctx.v[${j}], o${j} = ctx.o[${j}], l${j} = ctx.l[${j}];`,
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
    'ctx',
    'rowCount',
    `${decls}\nconst out = new Array(rowCount);\nfor (let r = 0; r < rowCount; r++) out[r] = ${literal};\nreturn out;`,
  ) as Generated
}

function contextOf(
  cols: readonly BatchColumn[],
  plans: readonly Plan[],
  options: ValueMappingOptions,
): Context {
  const ctx: Context = { n: [], v: [], o: [], l: [] }
  cols.forEach((col, j) => {
    const plan = plans[j]!
    let n: Uint8Array | undefined
    let v: unknown
    let o: Int32Array | undefined
    let l: Int32Array | undefined
    switch (plan) {
      case 'const':
        v = cellReader(col, options)(0)
        break
      case 'bool':
      case 'value':
        n = col.nulls
        v = (col as { values: unknown }).values
        break
      case 'utf8':
        if (col.kind === 'bytes') {
          n = col.nulls
          const s = col.source
          v = s instanceof Buffer ? s : Buffer.from(s.buffer, s.byteOffset, s.byteLength)
          o = col.offsets
          l = col.lengths
        }
        break
      case 'reader':
        v = cellReader(col, options)
        break
      case 'null':
        break
    }
    ctx.n.push(n)
    ctx.v.push(v)
    ctx.o.push(o)
    ctx.l.push(l)
  })
  return ctx
}

function build(
  cols: readonly BatchColumn[],
  names: readonly string[] | null,
  rowCount: number,
  options: ValueMappingOptions,
): unknown[] {
  const plans = cols.map((c) => planOf(c, options))
  const key = JSON.stringify([names, plans])
  let fn = cache.get(key)
  if (fn === undefined) {
    fn = generate(names, plans)
    if (cache.size >= MAX_CACHED) cache.clear()
    cache.set(key, fn)
  }
  return fn(contextOf(cols, plans, options), rowCount)
}

/**
 * Builds all rows of a batch as objects keyed by column name (a later duplicate name overwrites
 * an earlier one; `__proto__` becomes an own property).
 *
 * @example
 * ```ts
 * buildRows(columns, ['id'], 2, {}) // [{ id: 7n }, { id: null }]
 * ```
 */
export function buildRows(
  cols: readonly BatchColumn[],
  names: readonly string[],
  rowCount: number,
  options: ValueMappingOptions,
): Record<string, unknown>[] {
  if (cols.length <= MAX_COMPILED_COLUMNS) {
    return build(cols, names, rowCount, options) as Record<string, unknown>[]
  }
  const mapped = cols.map((c) => mapColumn(c, rowCount, options))
  const out = new Array<Record<string, unknown>>(rowCount)
  for (let r = 0; r < rowCount; r++) {
    const row: Record<string, unknown> = {}
    for (let j = 0; j < names.length; j++) {
      Object.defineProperty(row, names[j]!, {
        value: mapped[j]![r],
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    out[r] = row
  }
  return out
}

/**
 * Builds all rows of a batch as arrays in column order.
 *
 * @example
 * ```ts
 * buildArrays(columns, 2, {}) // [[7n], [null]]
 * ```
 */
export function buildArrays(
  cols: readonly BatchColumn[],
  rowCount: number,
  options: ValueMappingOptions,
): unknown[][] {
  if (cols.length <= MAX_COMPILED_COLUMNS)
    return build(cols, null, rowCount, options) as unknown[][]
  const mapped = cols.map((c) => mapColumn(c, rowCount, options))
  const out = new Array<unknown[]>(rowCount)
  for (let r = 0; r < rowCount; r++) {
    const row = new Array<unknown>(cols.length)
    for (let j = 0; j < cols.length; j++) row[j] = mapped[j]![r]
    out[r] = row
  }
  return out
}

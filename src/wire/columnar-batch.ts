/**
 * The decoded form of one result batch: typed columns, mapped to JS values lazily.
 *
 * @module
 */

import { type DuplicateColumnError, InvalidArgumentError } from '../errors.js'
import type { BatchColumn } from './batch-column.js'
import { buildArrays, buildRows } from './row-builder.js'
import type { ColumnDescriptor, RawValue } from './types.js'
import { checkUniqueColumnNames } from './unique-column-names.js'
import {
  type CellReader,
  type ColumnReader,
  columnReader,
  rawValue,
  resolveValueMapping,
  type ValueMappingOptions,
} from './value-mapping.js'

/**
 * One decoded result batch (`Chunk`). Values stay in typed arrays (strings and decimals as byte
 * ranges of the input) until read through {@link ColumnarBatch.value}, {@link ColumnarBatch.toRows}
 * or {@link ColumnarBatch.toArrays}, which apply the {@link ValueMappingOptions}.
 *
 * @example
 * ```ts
 * for await (const { columnar } of client.stream('select id from orders')) {
 *   columnar.rowCount // 2
 *   columnar.toRows() // [{ id: 7n }, { id: null }]
 *   columnar.column('id').kind // 'int64'
 * }
 * ```
 */
export class ColumnarBatch {
  /** Number of rows. */
  readonly rowCount: number
  /** Column descriptors from the metadata, in order. */
  readonly columns: readonly ColumnDescriptor[]
  readonly #data: readonly BatchColumn[]
  #byName: Map<string, number> | undefined

  /** @internal Built by `decodeChunk`. */
  constructor(
    rowCount: number,
    columns: readonly ColumnDescriptor[],
    data: readonly BatchColumn[],
  ) {
    this.rowCount = rowCount
    this.columns = columns
    this.#data = data
  }

  /**
   * The typed container of a column, by index or name (the first column of that name).
   * Throws {@link InvalidArgumentError} for an unknown column.
   *
   * @example
   * ```ts
   * const c = batch.column('price')
   * if (c.kind === 'float64' && !c.constant) c.values // Float64Array
   * ```
   */
  column(nameOrIndex: string | number): BatchColumn {
    let index: number | undefined
    if (typeof nameOrIndex === 'number') {
      index = nameOrIndex
    } else {
      if (this.#byName === undefined) {
        this.#byName = new Map()
        for (let i = this.columns.length - 1; i >= 0; i--)
          this.#byName.set(this.columns[i]!.name, i)
      }
      index = this.#byName.get(nameOrIndex)
    }
    const col = index === undefined ? undefined : this.#data[index]
    if (col === undefined)
      throw new InvalidArgumentError(`no column ${JSON.stringify(nameOrIndex)}`)
    return col
  }

  #checkRow(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.rowCount) {
      throw new InvalidArgumentError(`row ${row} is out of range (0–${this.rowCount - 1})`)
    }
  }

  /**
   * Whether a cell is SQL NULL.
   *
   * @example
   * ```ts
   * batch.isNull('id', 1) // true
   * ```
   */
  isNull(col: string | number, row: number): boolean {
    const c = this.column(col)
    this.#checkRow(row)
    return c.nulls[c.constant ? 0 : row] !== 0
  }

  /**
   * The wire-level value of a cell (see `RawValue`): e.g. `bigint` µs for timestamps,
   * `{ micros, zone }` for TIMESTAMP_TZ (zone validated), the unscaled `bigint` for DECIMAL128.
   *
   * @example
   * ```ts
   * batch.raw('d', 0) // 12345n (scale in batch.column('d'))
   * ```
   */
  raw(col: string | number, row: number): RawValue {
    const c = this.column(col)
    this.#checkRow(row)
    return rawValue(c, row)
  }

  /**
   * The mapped JS value of a cell (protocol.md §10).
   *
   * @example
   * ```ts
   * batch.value('ts', 0, { timestampAs: 'iso' }) // '2026-02-12T00:00:00.000000Z'
   * ```
   */
  value(col: string | number, row: number, mapping?: ValueMappingOptions): unknown {
    const c = this.column(col)
    this.#checkRow(row)
    return columnReader(c, resolveValueMapping(mapping)).read(row)
  }

  /**
   * All rows as objects keyed by column name. Two columns with the same name would lose a value,
   * so that throws {@link DuplicateColumnError} (use {@link ColumnarBatch.toArrays} or aliases).
   *
   * @example
   * ```ts
   * batch.toRows({ int64As: 'number' }) // [{ id: 7 }, { id: null }]
   * ```
   */
  toRows(mapping?: ValueMappingOptions): Record<string, unknown>[] {
    const names = this.columns.map((c) => c.name)
    checkUniqueColumnNames(names)
    return buildRows(this.#readers(mapping), names, this.rowCount)
  }

  /**
   * All rows as arrays in column order.
   *
   * @example
   * ```ts
   * batch.toArrays() // [[7n], [null]]
   * ```
   */
  toArrays(mapping?: ValueMappingOptions): unknown[][] {
    return buildArrays(this.#readers(mapping), this.rowCount)
  }

  /**
   * Compiled per-column readers of mapped values, for streaming consumers that want to avoid
   * materialising whole batches.
   *
   * @example
   * ```ts
   * const [readId] = batch.readers()
   * readId!(0) // 7n
   * ```
   */
  readers(mapping?: ValueMappingOptions): CellReader[] {
    return this.#readers(mapping).map((r) => r.read)
  }

  #readers(mapping: ValueMappingOptions | undefined): ColumnReader[] {
    const m = resolveValueMapping(mapping)
    return this.#data.map((c) => columnReader(c, m))
  }
}

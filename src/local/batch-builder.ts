/**
 * DuckDB result → e6data batches (Thrift `Chunk`s, protocol.md §9): at most `batchSize` rows and
 * below `maxBatchBytes` encoded (a batch that still encodes larger is split in halves; one huge
 * row goes alone). About one batch plus one DuckDB chunk is held in memory.
 *
 * @module
 */

import type { DuckDBDataChunk, DuckDBType } from '@duckdb/node-api'
import type { ColumnDescriptor, RawValue, VectorTypeName } from '../wire/index.js'
import { encodeChunk } from '../wire/index.js'
import {
  fixedValueBytes,
  mappingOf,
  metadataZoneAndFormat,
  rawValueConverter,
  type ValueKind,
} from './type-mapping.js'

export interface ColumnPlan {
  readonly name: string
  readonly vectorType: VectorTypeName
  readonly kind: ValueKind
  readonly scale: number
  readonly descriptor: ColumnDescriptor
}

export function planColumns(
  names: readonly string[],
  types: readonly DuckDBType[],
): readonly ColumnPlan[] {
  return names.map((name, i) => {
    const type = types[i] as DuckDBType
    const mapping = mappingOf(type)
    const scale = mapping.kind === 'decimal' ? (type as { scale: number }).scale : 0
    const { zone, format } = metadataZoneAndFormat(mapping.vectorType)
    return Object.freeze({
      name,
      vectorType: mapping.vectorType,
      kind: mapping.kind,
      scale,
      descriptor: Object.freeze({ name, typeName: mapping.vectorType, zone, format }),
    })
  })
}

/** A converted slice of rows waiting to be sent. */
interface Segment {
  readonly columns: RawValue[][]
  readonly rowBytes: Float64Array
  readonly rows: number
  offset: number
}

export interface BatchBuilderOptions {
  readonly batchSize: number
  readonly maxBatchBytes: number
  readonly constantVectors: boolean
  /** Zone sent with TIMESTAMP_TZ values (the DuckDB session `TimeZone`; default `UTC`). */
  readonly timeZone?: string
}

export class BatchBuilder {
  readonly #plans: readonly ColumnPlan[]
  readonly #pull: () => Promise<DuckDBDataChunk | null>
  readonly #options: BatchBuilderOptions
  readonly #converters: ReadonlyArray<(value: never) => RawValue>
  readonly #fixedRowBytes: number
  readonly #variable: readonly boolean[]
  readonly #segments: Segment[] = []
  #buffered = 0
  #produced = 0
  #exhausted = false

  constructor(
    plans: readonly ColumnPlan[],
    pull: () => Promise<DuckDBDataChunk | null>,
    options: BatchBuilderOptions,
  ) {
    this.#plans = plans
    this.#pull = pull
    this.#options = Object.freeze({ ...options })
    this.#converters = plans.map((p) => rawValueConverter(p.kind, options.timeZone))
    this.#fixedRowBytes = plans.reduce((n, p) => n + fixedValueBytes(p.kind) + 1, 0)
    this.#variable = plans.map((p) => p.kind === 'string' || p.kind === 'blob' || p.kind === 'text')
  }

  /** Rows pulled from DuckDB so far (the engine's running row count). */
  get rowsProduced(): number {
    return this.#produced
  }

  /** Whether DuckDB has produced its last row. */
  get exhausted(): boolean {
    return this.#exhausted
  }

  /** Whether every produced row has been handed out. */
  get drained(): boolean {
    return this.#exhausted && this.#buffered === 0
  }

  /** Pulls DuckDB chunks until a full batch is buffered or the result ends. */
  async fill(): Promise<void> {
    while (!this.#exhausted && this.#buffered < this.#options.batchSize) {
      const chunk = await this.#pull()
      if (chunk === null || chunk.rowCount === 0) {
        this.#exhausted = true
        break
      }
      this.#append(chunk)
    }
  }

  /** The next encoded batch, or zero bytes once every row was sent. */
  async next(): Promise<Uint8Array> {
    await this.fill()
    if (this.#buffered === 0) return new Uint8Array(0)
    let { columns, rows } = this.#take()
    for (;;) {
      const bytes = encodeChunk(
        this.#plans.map((p, c) => ({
          vectorType: p.vectorType,
          values: columns[c] as RawValue[],
          scale: p.scale,
        })),
        { constantVectors: this.#options.constantVectors, rowCount: rows },
      )
      if (bytes.length <= this.#options.maxBatchBytes || rows <= 1) return bytes
      const keep = Math.floor(rows / 2)
      this.#unshift(
        columns.map((col) => col.slice(keep)),
        rows - keep,
      )
      columns = columns.map((col) => col.slice(0, keep))
      rows = keep
    }
  }

  #append(chunk: DuckDBDataChunk): void {
    const rows = chunk.rowCount
    const rowBytes = new Float64Array(rows).fill(this.#fixedRowBytes)
    const columns: RawValue[][] = []
    for (let c = 0; c < this.#plans.length; c++) {
      const vector = chunk.getColumnVector(c)
      const convert = this.#converters[c] as (value: unknown) => RawValue
      const variable = this.#variable[c] === true
      const values: RawValue[] = new Array(rows)
      for (let r = 0; r < rows; r++) {
        const value = convert(vector.getItem(r))
        values[r] = value
        if (variable && value !== null) {
          rowBytes[r] = (rowBytes[r] as number) + (value as string | Uint8Array).length
        }
      }
      columns.push(values)
    }
    this.#segments.push({ columns, rowBytes, rows, offset: 0 })
    this.#buffered += rows
    this.#produced += rows
  }

  #unshift(columns: RawValue[][], rows: number): void {
    this.#segments.unshift({ columns, rowBytes: new Float64Array(rows), rows, offset: 0 })
    this.#buffered += rows
  }

  #take(): { columns: RawValue[][]; rows: number } {
    const out: RawValue[][] = this.#plans.map(() => [])
    let rows = 0
    let bytes = 16
    const { batchSize, maxBatchBytes } = this.#options
    while (rows < batchSize && this.#segments.length > 0) {
      const seg = this.#segments[0] as Segment
      let end = seg.offset
      while (end < seg.rows && rows + (end - seg.offset) < batchSize) {
        const b = seg.rowBytes[end] as number
        if (bytes + b > maxBatchBytes && rows + (end - seg.offset) > 0) break
        bytes += b
        end++
      }
      const n = end - seg.offset
      for (let c = 0; c < out.length; c++) {
        const src = seg.columns[c] as RawValue[]
        const dst = out[c] as RawValue[]
        for (let r = seg.offset; r < end; r++) dst.push(src[r] as RawValue)
      }
      rows += n
      seg.offset = end
      this.#buffered -= n
      if (seg.offset >= seg.rows) this.#segments.shift()
      if (end < seg.rows) break
    }
    return { columns: out, rows }
  }
}

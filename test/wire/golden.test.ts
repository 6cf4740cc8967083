import { describe, expect, it } from 'vitest'
import { type ColumnarBatch, decodeChunk, decodeMetadata } from '../../src/wire/index.js'
import { fromBase64, loadGoldenCases } from './golden-vectors.js'

/** Canonical JSON form of a mapped value (vectors README "Canonical values"). */
function canonical(batch: ColumnarBatch, col: number, v: unknown): unknown {
  if (v === null) return null
  const type = batch.column(col).vectorType
  switch (type) {
    case 'BINARY':
      return Buffer.from(v as Uint8Array).toString('base64')
    case 'INTEGER':
      return String(v)
    case 'DOUBLE':
    case 'FLOAT': {
      const n = v as number
      if (Number.isNaN(n) || !Number.isFinite(n)) return String(n)
      return Object.is(n, -0) ? '-0' : n
    }
    default:
      return v
  }
}

const cases = loadGoldenCases()

describe('golden vectors', () => {
  it('are present', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20)
  })

  for (const c of cases) {
    describe(c.name, () => {
      it('metadata decodes to its columns', () => {
        const meta = decodeMetadata(fromBase64(c.metadata))
        expect(meta.rowCount).toBe(BigInt(c.rows.length))
        expect(meta.columns).toEqual(
          c.columns.map((col) => ({
            name: col.name,
            typeName: col.type,
            zone: col.zone ?? '',
            format: col.format ?? '',
          })),
        )
      })

      it('batches decode to its rows', () => {
        const meta = decodeMetadata(fromBase64(c.metadata))
        const rows: unknown[][] = []
        for (const b64 of c.batches) {
          const batch = decodeChunk(fromBase64(b64), meta.columns)
          if (batch === null) continue
          for (const row of batch.toArrays({ timestampAs: 'iso', int64As: 'string' })) {
            rows.push(row.map((v, j) => canonical(batch, j, v)))
          }
        }
        expect(rows).toEqual(c.rows)
      })

      it('decodes from a pooled Buffer at a non-zero byteOffset', () => {
        const meta = decodeMetadata(
          Buffer.concat([Buffer.alloc(5), Buffer.from(c.metadata, 'base64')]).subarray(5),
        )
        const rows: unknown[][] = []
        for (const b64 of c.batches) {
          const buf = Buffer.concat([Buffer.alloc(3, 0xee), Buffer.from(b64, 'base64')]).subarray(3)
          const batch = decodeChunk(buf, meta.columns)
          if (batch === null) continue
          for (const row of batch.toArrays({ timestampAs: 'iso', int64As: 'string' })) {
            rows.push(row.map((v, j) => canonical(batch, j, v)))
          }
        }
        expect(rows).toEqual(c.rows)
      })

      it('toRows agrees with toArrays', () => {
        const meta = decodeMetadata(fromBase64(c.metadata))
        for (const b64 of c.batches) {
          const batch = decodeChunk(fromBase64(b64), meta.columns)
          if (batch === null) continue
          const arrays = batch.toArrays()
          const objects = batch.toRows()
          expect(objects.length).toBe(arrays.length)
          objects.forEach((o, r) => {
            const expected: Record<string, unknown> = {}
            meta.columns.forEach((col, j) => {
              expected[col.name] = arrays[r]![j]
            })
            expect(o).toEqual(expected)
            meta.columns.forEach((col, j) => {
              expect(batch.value(j, r)).toEqual(arrays[r]![j])
              expect(batch.isNull(col.name, r)).toBe(arrays[r]![j] === null)
            })
          })
        }
      })
    })
  }
})

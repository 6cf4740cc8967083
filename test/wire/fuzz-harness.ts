/**
 * Deterministic mutation fuzzer of the result decoders, shared by test/wire/fuzz.test.ts and
 * scripts/fuzz.ts. Every mutated input must either decode (including full row materialisation)
 * or throw a `DecodeError` — any other outcome is a failure.
 */

import { DecodeError } from '../../src/errors.js'
import {
  type ColumnDescriptor,
  type ColumnInput,
  decodeChunk,
  decodeMetadata,
  encodeChunk,
  encodeMetadata,
  zonedTimestamp,
} from '../../src/wire/index.js'
import { fromBase64, loadGoldenCases } from './golden-vectors.js'

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  readonly iterations: number
  readonly seed: number
  /** Called every 10 000 iterations. */
  readonly onProgress?: (done: number) => void
  /** Stop after this many failures (default 20). */
  readonly maxFailures?: number
}

/** One input that produced something other than success or a DecodeError. */
export interface FuzzFailure {
  readonly iteration: number
  readonly target: 'chunk' | 'metadata'
  readonly seedName: string
  readonly error: string
  readonly hex: string
}

/** Outcome counts of a fuzz run. */
export interface FuzzReport {
  readonly iterations: number
  readonly decoded: number
  readonly rejected: number
  readonly failures: readonly FuzzFailure[]
}

interface Seed {
  readonly name: string
  readonly chunk: Uint8Array
  readonly metadata: Uint8Array
  readonly columns: readonly ColumnDescriptor[]
}

/** mulberry32: a small, fast, deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function synthetic(): Seed[] {
  const inputs: [string, ColumnInput[], boolean][] = [
    [
      'synthetic-all-types',
      [
        { vectorType: 'BOOLEAN', values: [true, null, false] },
        { vectorType: 'INTEGER', values: [1, null, -1] },
        { vectorType: 'LONG', values: [2n ** 62n, null, -5n] },
        { vectorType: 'DOUBLE', values: [Number.NaN, null, -0] },
        { vectorType: 'STRING', values: ['é😀', null, ''] },
        { vectorType: 'BINARY', values: [Uint8Array.of(0xff), null, new Uint8Array(0)] },
        { vectorType: 'DATE', values: [-1n, null, 0n] },
        { vectorType: 'DATETIME', values: [1770854400123456n, null, -(2n ** 62n)] },
        {
          vectorType: 'TIMESTAMP_TZ',
          values: [{ micros: 1n, zone: 'Europe/Paris' }, null, { micros: -1n, zone: '+05:30' }],
        },
        { vectorType: 'DECIMAL128', scale: 3, values: [10n ** 37n, null, -7n] },
        { vectorType: 'NULL', values: [null, null, null] },
      ],
      false,
    ],
    [
      'synthetic-constants',
      [
        { vectorType: 'LONG', values: [9n, 9n] },
        { vectorType: 'INTEGER', values: [3, 3] },
        { vectorType: 'STRING', values: ['k', 'k'] },
        {
          vectorType: 'TIMESTAMP_TZ',
          values: [
            { micros: 5n, zone: 'UTC+1' },
            { micros: 5n, zone: 'UTC+1' },
          ],
        },
        { vectorType: 'DECIMAL128', scale: 2, values: [null, null] },
        { vectorType: 'BOOLEAN', values: [true, true] },
      ],
      true,
    ],
  ]
  return inputs.map(([name, columns, constantVectors]) => {
    const descriptors = columns.map((c, i) => ({
      name: `c${i}`,
      typeName: c.vectorType,
      zone: '',
      format: '',
    }))
    return {
      name,
      chunk: encodeChunk(columns, { constantVectors }),
      metadata: encodeMetadata({ rowCount: 3n, columns: descriptors }),
      columns: descriptors,
    }
  })
}

/** The fuzz corpus: every golden batch plus synthetic chunks. */
export function corpus(): Seed[] {
  const seeds: Seed[] = []
  for (const c of loadGoldenCases()) {
    const metadata = fromBase64(c.metadata)
    const columns = decodeMetadata(metadata).columns
    c.batches.forEach((b, i) => {
      seeds.push({ name: `${c.name}#${i}`, chunk: fromBase64(b), metadata, columns })
    })
  }
  return [...seeds, ...synthetic()]
}

const INTERESTING_I32 = [0, 1, -1, 2, 16, 17, 0x7fffffff, -0x80000000, 0x10000, 255, -2]

/** Applies 1–3 random mutations to a copy of `input`. */
export function mutate(input: Uint8Array, rand: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(rand() * n)
  let b = Uint8Array.from(input)
  const rounds = 1 + int(3)
  for (let k = 0; k < rounds; k++) {
    const len = b.length
    const at = len === 0 ? 0 : int(len)
    switch (int(8)) {
      case 0: // bit flip
        if (len > 0) b[at] = b[at]! ^ (1 << int(8))
        break
      case 1: // interesting byte (often a Thrift type id)
        if (len > 0)
          b[at] = [0, 1, 0x7f, 0x80, 0xff, 2, 3, 4, 6, 8, 10, 11, 12, 13, 14, 15, 16][int(17)]!
        break
      case 2: // truncate
        b = b.slice(0, int(len + 1))
        break
      case 3: {
        // insert random bytes
        const extra = Uint8Array.from({ length: 1 + int(8) }, () => int(256))
        b = Uint8Array.from([...b.subarray(0, at), ...extra, ...b.subarray(at)])
        break
      }
      case 4: // delete bytes
        b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1 + int(8))])
        break
      case 5:
      case 6: {
        // corrupt a length/count/size field
        if (len < 4) break
        const p = int(len - 3)
        const view = new DataView(b.buffer, b.byteOffset, b.length)
        const cur = view.getInt32(p)
        const choice = int(4)
        const v =
          choice === 0
            ? INTERESTING_I32[int(INTERESTING_I32.length)]!
            : choice === 1
              ? cur + (rand() < 0.5 ? 1 : -1)
              : choice === 2
                ? int(300)
                : len - p
        view.setInt32(p, v)
        break
      }
      case 7: {
        // duplicate a region
        if (len === 0) break
        const from = int(len)
        const piece = b.slice(from, from + 1 + int(24))
        b = Uint8Array.from([...b.subarray(0, at), ...piece, ...b.subarray(at)])
        break
      }
    }
  }
  return b
}

function exercise(bytes: Uint8Array, columns: readonly ColumnDescriptor[]): boolean {
  const batch = decodeChunk(bytes, columns, { maxRows: 5000 })
  if (batch === null) return true
  batch.toRows()
  batch.toArrays({ timestampAs: 'iso', int64As: 'string', decimalAs: (u, s) => [u, s] })
  for (let j = 0; j < batch.columns.length; j++) {
    const col = batch.column(j)
    for (let r = 0; r < Math.min(batch.rowCount, 50); r++) {
      batch.raw(j, r)
      batch.value(j, r, { timestampAs: 'micros', int64As: 'number' })
      if (col.vectorType === 'TIMESTAMP_TZ') zonedTimestamp(batch, j, r)
    }
  }
  return true
}

function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

/**
 * Runs `iterations` mutations (deterministic for a given `seed`). Even iterations mutate a
 * chunk, odd ones the metadata; every 16th chunk is decoded against the wrong column count.
 */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const seeds = corpus()
  const rand = prng(options.seed)
  const maxFailures = options.maxFailures ?? 20
  const failures: FuzzFailure[] = []
  let decoded = 0
  let rejected = 0
  let i = 0
  for (; i < options.iterations && failures.length < maxFailures; i++) {
    const seed = seeds[Math.floor(rand() * seeds.length)]!
    const target = i % 2 === 0 ? 'chunk' : 'metadata'
    const input = mutate(target === 'chunk' ? seed.chunk : seed.metadata, rand)
    const columns = i % 32 === 16 ? seed.columns.slice(1) : seed.columns
    try {
      if (target === 'chunk') exercise(input, columns)
      else decodeMetadata(input)
      decoded++
    } catch (err) {
      if (err instanceof DecodeError) {
        rejected++
      } else {
        failures.push({
          iteration: i,
          target,
          seedName: seed.name,
          error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
          hex: hexOf(input),
        })
      }
    }
    if (options.onProgress !== undefined && (i + 1) % 10_000 === 0) options.onProgress(i + 1)
  }
  return { iterations: i, decoded, rejected, failures }
}

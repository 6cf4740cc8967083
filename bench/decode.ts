/**
 * Decoder benchmark: one deterministic 100 000-row, 6-column Chunk (LONG, DOUBLE, STRING,
 * DECIMAL128(2), DATETIME, BOOLEAN; ~5 % NULLs), decoded (a) columnar, (b) columnar + toRows(),
 * against the baseline of the `thrift` npm package reading it into plain objects.
 *
 * @example
 * ```sh
 * npm run bench -- decode
 * ```
 *
 * @module
 */

import v8 from 'node:v8'
import vm from 'node:vm'
import {
  type ColumnDescriptor,
  type ColumnInput,
  decodeChunk,
  encodeChunk,
  type RawValue,
} from '../src/wire/index.js'
import { prng } from '../test/wire/fuzz-harness.js'
import { readChunkWithThrift } from './thrift-baseline.js'

const ROWS = 100_000
const WARMUP = 5
const ITERATIONS = 15

/**
 * Builds the benchmark Chunk and its column descriptors.
 *
 * @example
 * ```ts
 * const { inputs, bytes, columns } = buildDecodeBenchChunk()
 * ```
 */
export function buildDecodeBenchChunk(rows = ROWS): {
  inputs: ColumnInput[]
  bytes: Uint8Array
  columns: ColumnDescriptor[]
} {
  const rand = prng(20260212)
  const maybe = <T extends RawValue>(v: T): T | null => (rand() < 0.05 ? null : v)
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_'
  const text = (): string => {
    const len = 12 + Math.floor(rand() * 9) // 12–20 chars, ~16 on average
    let s = ''
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)]
    return s
  }
  const base = 1_770_854_400_000_000n
  const cols: ColumnInput[] = [
    {
      vectorType: 'LONG',
      values: Array.from({ length: rows }, (_, i) => maybe(BigInt(i) * 7919n - 1000n)),
    },
    {
      vectorType: 'DOUBLE',
      values: Array.from({ length: rows }, () => maybe((rand() - 0.5) * 1e6)),
    },
    { vectorType: 'STRING', values: Array.from({ length: rows }, () => maybe(text())) },
    {
      vectorType: 'DECIMAL128',
      scale: 2,
      values: Array.from({ length: rows }, () => maybe(BigInt(Math.floor((rand() - 0.5) * 1e9)))),
    },
    {
      vectorType: 'DATETIME',
      values: Array.from({ length: rows }, () =>
        maybe(base + BigInt(Math.floor(rand() * 3.15e13))),
      ),
    },
    { vectorType: 'BOOLEAN', values: Array.from({ length: rows }, () => maybe(rand() < 0.5)) },
  ]
  const names = ['id', 'amount', 'label', 'price', 'created_at', 'active']
  return {
    inputs: cols,
    bytes: encodeChunk(cols),
    columns: names.map((name, i) => ({
      name,
      typeName: cols[i]!.vectorType,
      zone: '',
      format: '',
    })),
  }
}

/**
 * The allocation floor of `toRows()`: the same 100 000 row objects with the same value types
 * (`bigint`, `number`, fresh flat strings, decimal strings, `Date`, `boolean`, the same nulls),
 * built from arrays that are already decoded — int64 in a `BigInt64Array`, milliseconds in a
 * `Float64Array`, text and the decimals' plain notation as ASCII bytes, copied into fresh strings
 * with `latin1Slice` (the cheapest fresh-string allocation). Whatever decode + `toRows()` costs
 * beyond it is decoding work, not the objects the caller asked for.
 *
 * @example
 * ```ts
 * const floor = rowFloor(buildDecodeBenchChunk().inputs)
 * floor() // 100 000 row objects
 * ```
 */
export function rowFloor(inputs: readonly ColumnInput[]): () => Record<string, unknown>[] {
  const col = (i: number) => inputs[i]!.values
  const nullsOf = (i: number) => Uint8Array.from(col(i), (v) => (v === null ? 1 : 0))
  const text = (values: readonly (string | null)[]) => {
    const buf = Buffer.from(values.map((v) => v ?? '').join(''), 'latin1') as Buffer & {
      latin1Slice(start: number, end: number): string
    }
    const start = new Int32Array(values.length)
    const end = new Int32Array(values.length)
    let at = 0
    values.forEach((v, i) => {
      start[i] = at
      at += (v ?? '').length
      end[i] = at
    })
    return { buf, start, end }
  }
  const plain = (v: RawValue): string | null => {
    if (v === null) return null
    const neg = (v as bigint) < 0n
    const digits = (neg ? -(v as bigint) : (v as bigint)).toString().padStart(3, '0')
    return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`
  }
  const rows = col(0).length
  const [n0, n1, n2, n3, n4, n5] = [0, 1, 2, 3, 4, 5].map(nullsOf) as Uint8Array[]
  const ids = BigInt64Array.from(col(0), (v) => (v as bigint | null) ?? 0n)
  const amounts = Float64Array.from(col(1), (v) => (v as number | null) ?? 0)
  const labels = text(col(2) as (string | null)[])
  const prices = text(col(3).map(plain))
  const millis = Float64Array.from(col(4), (v) => (v === null ? 0 : Number((v as bigint) / 1000n)))
  const actives = Uint8Array.from(col(5), (v) => (v === true ? 1 : 0))
  return () => {
    const out = new Array<Record<string, unknown>>(rows)
    const { buf: lb, start: ls, end: le } = labels
    const { buf: pb, start: ps, end: pe } = prices
    for (let r = 0; r < rows; r++) {
      out[r] = {
        id: n0![r] !== 0 ? null : ids[r],
        amount: n1![r] !== 0 ? null : amounts[r],
        label: n2![r] !== 0 ? null : lb.latin1Slice(ls[r]!, le[r]!),
        price: n3![r] !== 0 ? null : pb.latin1Slice(ps[r]!, pe[r]!),
        created_at: n4![r] !== 0 ? null : new Date(millis[r]!),
        active: n5![r] !== 0 ? null : actives[r] !== 0,
      }
    }
    return out
  }
}

let sink: unknown

/** A full GC, so that no case pays for the garbage the previous case left in the old space. */
const collect: () => void = (() => {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as unknown
  return typeof gc === 'function' ? (gc as () => void) : () => {}
})()

/**
 * Median and best seconds of `fn` over {@link ITERATIONS} runs after {@link WARMUP} warm-up runs,
 * starting from a collected heap; also the process CPU time, which a contended machine disturbs
 * far less than wall time (time spent descheduled does not count).
 */
function measure(fn: () => unknown): Omit<Result, 'name'> {
  sink = undefined
  collect()
  for (let i = 0; i < WARMUP; i++) sink = fn()
  const times: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < ITERATIONS; i++) {
    const c = process.cpuUsage()
    const t = performance.now()
    sink = fn()
    times.push(performance.now() - t)
    const d = process.cpuUsage(c)
    cpu.push((d.user + d.system) / 1000)
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]! / 1000
  return { seconds: median(times), best: times[0]! / 1000, cpu: median(cpu) }
}

/** One benchmark line: seconds per iteration (median and best run, median CPU). */
interface Result {
  readonly name: string
  readonly seconds: number
  readonly best: number
  readonly cpu: number
}

/**
 * Runs the decode benchmark and prints rows/s, MB/s and ratios to the thrift baseline.
 *
 * @example
 * ```ts
 * await run()
 * ```
 */
export async function run(): Promise<void> {
  const { inputs, bytes, columns } = buildDecodeBenchChunk()
  const mb = bytes.length / 1e6
  console.log(
    `decode: ${ROWS} rows × ${columns.length} columns, ${mb.toFixed(2)} MB chunk (median of ${ITERATIONS} runs after ${WARMUP} warm-up; ×N = speed vs baseline)`,
  )

  const cases: [string, () => unknown][] = [
    ['baseline: thrift TBinaryProtocol → objects', () => readChunkWithThrift(bytes)],
    ['(a) columnar decodeChunk', () => decodeChunk(bytes, columns)],
    ['(b) decodeChunk + toRows()', () => decodeChunk(bytes, columns)!.toRows()],
    ['    decodeChunk + toArrays()', () => decodeChunk(bytes, columns)!.toArrays()],
    [
      '    decodeChunk + toRows(iso, string)',
      () => decodeChunk(bytes, columns)!.toRows({ timestampAs: 'iso', int64As: 'string' }),
    ],
    ['encodeChunk (input for the local engine)', () => encodeChunk(inputs)],
  ]
  const results: Result[] = cases.map(([name, fn]) => ({ name, ...measure(fn) }))
  const baseline = results[0]!.seconds
  const pad = Math.max(...results.map((r) => r.name.length))
  for (const r of results) {
    const rowsPerSec = ROWS / r.seconds
    console.log(
      `  ${r.name.padEnd(pad)}  ${(r.seconds * 1000).toFixed(2).padStart(8)} ms  ${fmt(rowsPerSec).padStart(8)} rows/s  ${(mb / r.seconds).toFixed(0).padStart(6)} MB/s  ×${(baseline / r.seconds).toFixed(1)}  (best run ${(r.best * 1000).toFixed(1)} ms, ×${(results[0]!.best / r.best).toFixed(1)}; CPU ${(r.cpu * 1000).toFixed(1)} ms, ×${(results[0]!.cpu / r.cpu).toFixed(1)})`,
    )
  }
  const a = baseline / results[1]!.seconds
  const b = baseline / results[2]!.seconds
  console.log(
    `  median ratios: columnar ×${a.toFixed(1)} (target ≥10), rows ×${b.toFixed(1)} (target ≥3); CPU-time ratios: columnar ×${(results[0]!.cpu / results[1]!.cpu).toFixed(1)}, rows ×${(results[0]!.cpu / results[2]!.cpu).toFixed(1)}`,
  )
  console.log(
    '  note: (b) is dominated by allocating the row values (BigInt, Date, strings) and the GC work of\n' +
      '  keeping 100 000 rows alive; on a contended machine wall-time medians swing by ±50 %, compare\n' +
      '  the CPU-time figures there.',
  )
  // the floor and (b), interleaved so that a load change hits both alike: in steady state (the
  // previous result becomes garbage during the next run, as in a consumer reading batch after
  // batch) and from a collected heap (the rows' own allocation and promotion only)
  const floor = rowFloor(inputs)
  const rows = () => decodeChunk(bytes, columns)!.toRows()
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
  for (const fresh of [false, true]) {
    const f: { t: number[]; c: number[] } = { t: [], c: [] }
    const d: { t: number[]; c: number[] } = { t: [], c: [] }
    collect()
    for (let i = 0; i < WARMUP; i++) {
      sink = floor()
      sink = rows()
    }
    for (let i = 0; i < 2 * ITERATIONS + 1; i++) {
      for (const [fn, into] of [
        [floor, f],
        [rows, d],
      ] as const) {
        if (fresh) {
          sink = undefined
          collect()
        }
        const c = process.cpuUsage()
        const t = performance.now()
        sink = fn()
        into.t.push(performance.now() - t)
        const u = process.cpuUsage(c)
        into.c.push((u.user + u.system) / 1000)
      }
    }
    console.log(
      `  allocation floor, ${fresh ? 'collected heap' : 'steady state '} (median of ${2 * ITERATIONS + 1}, interleaved): floor ${med(f.t).toFixed(1)} ms (CPU ${med(f.c).toFixed(1)}), decode + toRows() ${med(d.t).toFixed(1)} ms (CPU ${med(d.c).toFixed(1)}) → ${(med(f.t) / med(d.t)).toFixed(2)}× the floor's speed (CPU ${(med(f.c) / med(d.c)).toFixed(2)}×; target ≥ 0.8)`,
    )
  }
  if (sink === null) console.log('')
}

function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}k`
  return n.toFixed(0)
}

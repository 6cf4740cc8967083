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
  if (sink === null) console.log('')
}

function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}k`
  return n.toFixed(0)
}

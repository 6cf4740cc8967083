/**
 * Benchmark runner: `npm run bench` runs every bench module in order; `npm run bench -- decode`
 * runs those whose name contains one of the arguments. A bench module exports
 * `async function run(): Promise<void>`; add new ones to {@link BENCHES}.
 */

import { spawnSync } from 'node:child_process'

/** A registered benchmark. */
export interface BenchModule {
  readonly name: string
  readonly load: () => Promise<{ run: () => Promise<void> }>
}

/**
 * Every benchmark, in run order.
 */
export const BENCHES: readonly BenchModule[] = [
  { name: 'decode', load: () => import('./decode.js') },
  { name: 'e2e', load: () => import('./e2e.js') },
  { name: 'stream', load: () => import('./stream.js') },
  { name: 'latency', load: () => import('./latency.js') },
  { name: 'string-escape', load: () => import('./string-escape.js') },
  { name: 'throughput', load: () => import('./throughput.js') },
]

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const selected = BENCHES.filter(
  (b) => filters.length === 0 || filters.some((f) => b.name.includes(f)),
)
if (selected.length === 0) {
  console.error(
    `no bench matches ${filters.join(', ')}; available: ${BENCHES.map((b) => b.name).join(', ')}`,
  )
  process.exit(2)
}
if (selected.length === 1) {
  const [bench] = selected
  if (bench) await (await bench.load()).run()
} else {
  // One process per benchmark, so that memory figures (the stream bench's RSS) are not skewed by
  // the heap an earlier benchmark grew.
  for (const bench of selected) {
    console.log(`\n=== ${bench.name} ===`)
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1] ?? '', bench.name],
      {
        stdio: 'inherit',
      },
    )
    if (child.status !== 0) process.exitCode = child.status ?? 1
  }
}

/**
 * Long-running decoder fuzzer: `npm run fuzz -- --iterations 1000000 --seed 42`.
 * Shares its mutation logic with test/wire/fuzz.test.ts (test/wire/fuzz-harness.ts).
 *
 * @example
 * ```sh
 * npm run fuzz -- --iterations 2000000 --seed 7
 * ```
 *
 * @module
 */

import { parseArgs } from 'node:util'
import { runFuzz } from '../test/wire/fuzz-harness.js'

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: String(Date.now() >>> 0) },
    'max-failures': { type: 'string', default: '20' },
  },
})
const iterations = Number(values.iterations)
const seed = Number(values.seed)
const maxFailures = Number(values['max-failures'])
if (!Number.isInteger(iterations) || iterations <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--iterations N] [--seed S] [--max-failures F]')
  process.exit(2)
}

console.log(`fuzzing ${iterations} iterations, seed ${seed}`)
const started = performance.now()
const report = runFuzz({
  iterations,
  seed,
  maxFailures,
  onProgress: (done) => {
    if (done % 100_000 === 0) {
      const s = (performance.now() - started) / 1000
      console.log(`  ${done} iterations, ${Math.round(done / s)}/s`)
    }
  },
})
const secs = ((performance.now() - started) / 1000).toFixed(1)
console.log(
  `done: ${report.iterations} iterations in ${secs} s — ${report.decoded} decoded, ${report.rejected} rejected with DecodeError, ${report.failures.length} failures`,
)
for (const f of report.failures) {
  console.log(
    `\nFAILURE at iteration ${f.iteration} (${f.target}, seed input ${f.seedName}): ${f.error}\n${f.hex}`,
  )
}
process.exit(report.failures.length === 0 ? 0 : 1)

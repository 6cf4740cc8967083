import { describe, expect, it } from 'vitest'
import { runFuzz } from './fuzz-harness.js'

// ~6–12 s on a 2-core machine; the budget is an iteration count, never a wall-clock assertion.
const ITERATIONS = 200_000

describe('decoder fuzzing', () => {
  it(`${ITERATIONS} mutated inputs either decode or throw DecodeError`, () => {
    const report = runFuzz({ iterations: ITERATIONS, seed: 0x5eed })
    expect(report.failures).toEqual([])
    expect(report.iterations).toBe(ITERATIONS)
    // the mutations must exercise both outcomes
    expect(report.decoded).toBeGreaterThan(ITERATIONS / 100)
    expect(report.rejected).toBeGreaterThan(ITERATIONS / 4)
  }, 120_000)
})

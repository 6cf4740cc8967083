/**
 * The blue/green deployment colour, as the `strategy` header and `new_strategy` field carry it
 * (protocol.md §6). Shared by the driver and the local engine.
 *
 * @module
 */

/** A blue/green deployment colour. */
export type StrategyColour = 'blue' | 'green'

/** Case-insensitive `blue`/`green` (a header or `new_strategy` value); anything else → null. */
export function parseColour(value: string | null | undefined): StrategyColour | null {
  const v = value?.trim().toLowerCase()
  return v === 'blue' || v === 'green' ? v : null
}

/** The other colour. */
export function otherColour(c: StrategyColour): StrategyColour {
  return c === 'blue' ? 'green' : 'blue'
}

/** A cluster's state as ClusterService reports it (protocol.md §7). */
export type ClusterState = 'active' | 'suspended' | 'resuming' | 'failed'

import { vi } from 'vitest'

/** Waits until `predicate` holds (polled every 5 ms), failing after `timeoutMs`. */
export async function eventually(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  await vi.waitUntil(predicate, { timeout: timeoutMs, interval: 5 })
}

import { E6dataAbortError, InvalidArgumentError } from '../errors.js'

/** The first failure stops the rest through their signal, and is thrown once all have settled. */
export async function runWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  checkConcurrency(concurrency)
  throwIfAborted(signal)
  const stop = new AbortController()
  const combined = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal])
  const results = new Array<R>(items.length)
  let next = 0
  let failure: { readonly error: unknown } | undefined

  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      if (signal?.aborted) {
        failure = { error: new E6dataAbortError(signal.reason) }
        stop.abort()
        return
      }
      const index = next++
      try {
        results[index] = await task(items[index] as T, combined)
      } catch (error) {
        failure ??= { error }
        stop.abort()
      }
    }
  }

  const workers = Array.from({ length: Math.min(concurrency, items.length) }, worker)
  await Promise.all(workers)
  if (failure !== undefined) throw failure.error
  throwIfAborted(signal)
  return results
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new E6dataAbortError(signal.reason)
}

export function checkConcurrency(concurrency: number): void {
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new InvalidArgumentError(`concurrency must be a positive integer, got ${concurrency}`)
  }
}

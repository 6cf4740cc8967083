/**
 * Counts the RPCs of an operation and how many of them were sequential round trips on its
 * critical path, with a grpc-js client interceptor (passed through `channelOptions`, so the
 * driver runs unmodified). Not a bench module itself.
 *
 * @example
 * ```ts
 * const recorder = new RpcRecorder()
 * const client = createClient({ ...options, channelOptions: recorder.channelOptions })
 * const t0 = performance.now(); await client.query('select 1'); const t1 = performance.now()
 * recorder.criticalPath(t0, t1) // { sequential: 4, … }
 * ```
 *
 * @module
 */

import { type ChannelOptions, InterceptingCall, type Interceptor } from '@grpc/grpc-js'

/** One recorded call: method name and `performance.now()` at start and at its status. */
export interface RecordedCall {
  readonly method: string
  readonly start: number
  end: number
}

/**
 * What one operation did on the wire.
 *
 * @example
 * ```ts
 * const { sequential, chain, background } = recorder.criticalPath(t0, t1)
 * ```
 */
export interface CriticalPath {
  /** Longest chain of calls that each started after the previous one ended, within [t0, t1]. */
  readonly sequential: number
  /** That chain, `a ∥ b` for calls that overlapped a link of it. */
  readonly chain: string
  /** Calls that started within [t0, t1] and ended by t1. */
  readonly awaited: number
  /** Calls that started within [t0, t1] and ended after t1 (or never, so far). */
  readonly background: readonly string[]
}

/** Records every unary call of the clients it is installed in. */
export class RpcRecorder {
  readonly calls: RecordedCall[] = []
  readonly #interceptor: Interceptor = (options, nextCall) => {
    const path = options.method_definition.path
    const rec: RecordedCall = {
      method: path.slice(path.lastIndexOf('/') + 1),
      start: performance.now(),
      end: Number.POSITIVE_INFINITY,
    }
    this.calls.push(rec)
    return new InterceptingCall(nextCall(options), {
      start: (metadata, _listener, next) => {
        next(metadata, {
          onReceiveStatus: (status, nextStatus) => {
            rec.end = performance.now()
            nextStatus(status)
          },
        })
      },
    })
  }

  /** `channelOptions` for `createClient` (grpc-js reads `interceptors` from its client options). */
  get channelOptions(): ChannelOptions {
    return { interceptors: [this.#interceptor] } as unknown as ChannelOptions
  }

  /** Forgets the recorded calls. */
  clear(): void {
    this.calls.length = 0
  }

  /** The critical path of the operation that ran from `t0` to `t1`. */
  criticalPath(t0: number, t1: number): CriticalPath {
    const inWindow = this.calls.filter((c) => c.start >= t0 && c.start <= t1)
    const awaited = inWindow.filter((c) => c.end <= t1).sort((a, b) => a.start - b.start)
    const background = inWindow.filter((c) => c.end > t1).map((c) => c.method)
    // longest chain of non-overlapping calls (sorted by start, O(n²) on a handful of calls)
    const best: number[] = []
    const prev: number[] = []
    for (let i = 0; i < awaited.length; i++) {
      best[i] = 1
      prev[i] = -1
      for (let j = 0; j < i; j++) {
        if (awaited[j]!.end <= awaited[i]!.start && best[j]! + 1 > best[i]!) {
          best[i] = best[j]! + 1
          prev[i] = j
        }
      }
    }
    let last = -1
    for (let i = 0; i < awaited.length; i++) if (last < 0 || best[i]! > best[last]!) last = i
    const links: RecordedCall[] = []
    for (let i = last; i >= 0; i = prev[i]!) links.unshift(awaited[i]!)
    const chain = links
      .map((link) => {
        const alongside = awaited.filter(
          (c) => c !== link && !links.includes(c) && c.start < link.end && c.end > link.start,
        )
        return [link, ...alongside].map((c) => c.method).join(' ∥ ')
      })
      .join(' → ')
    return { sequential: links.length, chain, awaited: awaited.length, background }
  }
}

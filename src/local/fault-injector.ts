/**
 * Per-RPC fault injection of the local engine (protocol.md §13.7).
 *
 * <!-- README:faults -->
 * `engine.control.injectFault(rpc, fault, times = 1)` arms a fault for the next `times` calls of
 * `rpc` — a QueryEngineService method name (`'executeStatementV2'`, `'getNextResultBatch'`, …),
 * `'cluster.<method>'` for ClusterService (`'cluster.status'`), or `'*'` for every RPC.
 *
 * | fault | effect |
 * |---|---|
 * | `{ kind: 'http', status: 456 \| 503 }` | a real HTTP status, no gRPC status, no body |
 * | `{ kind: 'grpc', code, message }` | a gRPC status |
 * | `{ kind: 'drop' }` | the HTTP/2 connection is destroyed mid-call |
 * | `{ kind: 'delay', ms }` | the call is held for `ms` before (or, with `after`, after) the handler |
 * | `{ kind: 'corrupt' }` | the reply's batch/metadata bytes are corrupted (other RPCs: the protobuf bytes) |
 * | `{ kind: 'truncate' }` | the reply's batch/metadata bytes are cut in half (other RPCs: the protobuf bytes) |
 *
 * `http`, `grpc`, `drop` and `delay` fire **before** the handler by default: the engine did not
 * act on the call (the call counter does not move). With `after: true` they fire **after** the
 * handler ran — the engine accepted the call (an execute did run) but the reply is lost, which is
 * how clients test "execute may have run". `corrupt`/`truncate` always apply to the reply.
 * <!-- /README:faults -->
 *
 * @module
 */

/**
 * A fault to inject (see the module comment).
 *
 * @example
 * ```ts
 * const fault: Fault = { kind: 'grpc', code: 14, message: 'injected', after: true }
 * ```
 */
export type Fault =
  | { readonly kind: 'http'; readonly status: 456 | 503 | number; readonly after?: boolean }
  | {
      readonly kind: 'grpc'
      readonly code: number
      readonly message: string
      readonly after?: boolean
    }
  | { readonly kind: 'delay'; readonly ms: number; readonly after?: boolean }
  | { readonly kind: 'drop'; readonly after?: boolean }
  | { readonly kind: 'corrupt' }
  | { readonly kind: 'truncate' }

/**
 * When a fault fires relative to the handler.
 *
 * @example
 * ```ts
 * const phase: FaultPhase = faultPhase({ kind: 'truncate' }) // 'after'
 * ```
 */
export type FaultPhase = 'before' | 'after'

interface Armed {
  readonly fault: Fault
  remaining: number
}

/**
 * The phase a fault fires in.
 *
 * @example
 * ```ts
 * faultPhase({ kind: 'drop', after: true }) // 'after'
 * ```
 */
export function faultPhase(fault: Fault): FaultPhase {
  if (fault.kind === 'corrupt' || fault.kind === 'truncate') return 'after'
  return fault.after === true ? 'after' : 'before'
}

/**
 * Queue of armed faults per RPC name.
 *
 * @example
 * ```ts
 * const faults = new FaultInjector()
 * faults.inject('getNextResultBatch', { kind: 'truncate' }, 2)
 * faults.take('getNextResultBatch', 'after') // { kind: 'truncate' }
 * ```
 */
export class FaultInjector {
  readonly #armed = new Map<string, Armed[]>()

  /** Arms `fault` for the next `times` calls of `rpc` (`'*'` = any RPC). */
  inject(rpc: string, fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`injectFault: times must be a positive integer, got ${times}`)
    }
    const list = this.#armed.get(rpc) ?? []
    list.push({ fault: Object.freeze({ ...fault }) as Fault, remaining: times })
    this.#armed.set(rpc, list)
  }

  /** Removes every armed fault. */
  clear(): void {
    this.#armed.clear()
  }

  /** Takes (consumes one use of) the first fault for `rpc` firing in `phase`. */
  take(rpc: string, phase: FaultPhase): Fault | undefined {
    return this.#takeFrom(rpc, phase) ?? this.#takeFrom('*', phase)
  }

  #takeFrom(key: string, phase: FaultPhase): Fault | undefined {
    const list = this.#armed.get(key)
    if (!list) return undefined
    const index = list.findIndex((a) => faultPhase(a.fault) === phase)
    if (index < 0) return undefined
    const armed = list[index] as Armed
    armed.remaining--
    if (armed.remaining <= 0) list.splice(index, 1)
    if (list.length === 0) this.#armed.delete(key)
    return armed.fault
  }
}

/**
 * Corrupts bytes so that any decoder rejects them (first byte → 0xFF, an invalid Thrift type /
 * protobuf wire type / metadata column count).
 *
 * @example
 * ```ts
 * corruptBytes(new Uint8Array([8, 0, 1]))[0] // 0xff
 * ```
 */
export function corruptBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array([0xff, 0xff, 0xff, 0xff])
  const out = new Uint8Array(bytes)
  out[0] = 0xff
  if (out.length > 12) {
    // metadata: make the column count (bytes 8–11) negative
    out[8] = 0xff
  }
  return out
}

/**
 * Cuts bytes in half (empty stays empty).
 *
 * @example
 * ```ts
 * truncateBytes(new Uint8Array(10)).length // 5
 * ```
 */
export function truncateBytes(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, Math.floor(bytes.length / 2))
}

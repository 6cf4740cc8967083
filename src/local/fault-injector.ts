/**
 * Per-RPC fault injection of the local engine (protocol.md §13.7).
 *
 * @module
 */

/**
 * A fault to inject with `engine.control.injectFault(rpc, fault, times)`. `http`, `grpc`, `delay`
 * and `drop` fire before the handler (the engine did not act on the call) unless `after: true`
 * (the handler ran, the reply is lost: "execute may have run"); `corrupt` and `truncate` always
 * mangle the reply.
 *
 * @example
 * ```ts
 * import { startLocalEngine } from 'kysely-e6data/local'
 *
 * const engine = await startLocalEngine()
 * engine.control.injectFault('executeStatementV2', { kind: 'grpc', code: 14, message: 'injected', after: true })
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

export type FaultPhase = 'before' | 'after'

/** Every fault kind: its README row and whether it can only act on the reply. */
const FAULT_KINDS: Readonly<
  Record<
    Fault['kind'],
    { readonly shape: string; readonly effect: string; readonly replyOnly?: true }
  >
> = {
  http: {
    shape: "{ kind: 'http', status: 456 | 503 }",
    effect: 'a real HTTP status, no gRPC status, no body',
  },
  grpc: { shape: "{ kind: 'grpc', code, message }", effect: 'a gRPC status' },
  drop: { shape: "{ kind: 'drop' }", effect: 'the HTTP/2 connection is destroyed mid-call' },
  delay: {
    shape: "{ kind: 'delay', ms }",
    effect: 'the call is held for `ms` before (or, with `after`, after) the handler',
  },
  corrupt: {
    shape: "{ kind: 'corrupt' }",
    effect: "the reply's batch/metadata bytes are corrupted (other RPCs: the protobuf bytes)",
    replyOnly: true,
  },
  truncate: {
    shape: "{ kind: 'truncate' }",
    effect: "the reply's batch/metadata bytes are cut in half (other RPCs: the protobuf bytes)",
    replyOnly: true,
  },
}

/** The README's fault table, generated from the fault kinds. */
export function faultsMarkdown(): string {
  return [
    '| fault | effect |',
    '|---|---|',
    ...Object.values(FAULT_KINDS).map(
      (k) => `| \`${k.shape.replaceAll('|', '\\|')}\` | ${k.effect} |`,
    ),
    '',
  ].join('\n')
}

function faultPhase(fault: Fault): FaultPhase {
  if (FAULT_KINDS[fault.kind].replyOnly) return 'after'
  return 'after' in fault && fault.after === true ? 'after' : 'before'
}

interface Armed {
  readonly fault: Fault
  remaining: number
}

/** Armed faults per RPC name (`'*'` = any RPC), each for a number of calls. */
export class FaultInjector {
  readonly #armed = new Map<string, Armed[]>()

  inject(rpc: string, fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`injectFault: times must be a positive integer, got ${times}`)
    }
    const list = this.#armed.get(rpc) ?? []
    list.push({ fault: Object.freeze({ ...fault }) as Fault, remaining: times })
    this.#armed.set(rpc, list)
  }

  clear(): void {
    this.#armed.clear()
  }

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

/** First byte 0xFF: an invalid Thrift type, protobuf wire type and metadata column count alike. */
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

export function truncateBytes(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, Math.floor(bytes.length / 2))
}

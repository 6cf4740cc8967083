// One HTTP/2 channel per client, shared by the pool and both services. No retries here: grpc-js's
// own are disabled so that the retry table is the only one.

import {
  type ChannelOptions,
  Client,
  connectivityState,
  credentials,
  status as GrpcStatus,
  Metadata,
} from '@grpc/grpc-js'
import type { StrategyColour } from '../wire/index.js'
import type { TlsOptions } from './client-options.js'
import { RPC_METHODS, type RpcName, type RpcRequest, type RpcResponse } from './rpc-methods.js'
import { RpcStatusError } from './rpc-status-error.js'

/** Channel options the driver always sets (protocol.md §1.1); `channelOptions` overrides them. */
export const DEFAULT_CHANNEL_OPTIONS: Readonly<ChannelOptions> = Object.freeze({
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': 300 * 1024 * 1024,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 20_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.enable_channelz': 0,
  'grpc.enable_retries': 0,
  'grpc-node.flow_control_window': 8 * 1024 * 1024,
})

export interface TransportEndpoint {
  readonly host: string
  readonly port: number
  readonly tls: TlsOptions | null
  /** Lower-cased cluster name ('' = none). */
  readonly clusterName: string
  readonly channelOptions?: ChannelOptions
  /** The wait for a connection, after which a call fails DEADLINE_EXCEEDED (`phase: 'connect'`). */
  readonly connectMs?: number | undefined
  /** Below `channelOptions`. */
  readonly reconnect?: { readonly initialDelayMs: number; readonly maxDelayMs: number }
  /** Applied to status details before they leave the transport. */
  readonly redact?: (text: string) => string
}

export interface TransportCallOptions {
  readonly plannerip?: string | undefined
  readonly strategy?: StrategyColour | null | undefined
  readonly timeoutMs?: number | undefined
  /** Epoch ms; the earlier of both applies. */
  readonly deadline?: number | undefined
  readonly signal?: AbortSignal | undefined
  readonly canceller?: CallCanceller | undefined
}

/**
 * Cancels calls without an `AbortSignal`, whose creation and listener cost more per call than the
 * driver's own work. Serves calls in turn (a query's fetches); once cancelled, ends all later ones.
 */
export class CallCanceller {
  #cancel: (() => void) | undefined
  #cancelled = false

  get cancelled(): boolean {
    return this.#cancelled
  }

  cancel(): void {
    this.#cancelled = true
    const cancel = this.#cancel
    this.#cancel = undefined
    cancel?.()
  }

  bind(cancel: (() => void) | undefined): void {
    if (this.#cancelled) cancel?.()
    else this.#cancel = cancel
  }
}

/** The user's `channelOptions` go on top of everything the driver sets. */
export function channelOptionsFor(e: TransportEndpoint): ChannelOptions {
  const options: ChannelOptions = { ...DEFAULT_CHANNEL_OPTIONS }
  if (e.reconnect) {
    options['grpc.initial_reconnect_backoff_ms'] = e.reconnect.initialDelayMs
    options['grpc.max_reconnect_backoff_ms'] = e.reconnect.maxDelayMs
  }
  if (e.tls?.serverName) {
    options['grpc.ssl_target_name_override'] = e.tls.serverName
    options['grpc.default_authority'] = e.tls.serverName
  }
  return Object.assign(options, e.channelOptions)
}

/** HTTP statuses grpc-js reports as `Received HTTP status code N` that are not e6data's 456/503. */
const FOREIGN_HTTP = /Received HTTP status code (\d+)/

const toBuffer = (v: string | Uint8Array | undefined): Buffer | null =>
  v === undefined ? null : typeof v === 'string' ? Buffer.from(v) : Buffer.from(v)

/** Where a call keeps its response headers (read only to explain a failure). */
const HEADERS = Symbol('response headers')
type WithHeaders = { [HEADERS]?: Metadata }

/** A module-level listener (no closure per call): `this` is the grpc-js call. */
function keepHeaders(this: WithHeaders, headers: Metadata): void {
  this[HEADERS] = headers
}

const NO_OPTIONS = Object.freeze({})

export class GrpcTransport {
  readonly #endpoint: TransportEndpoint
  #client: Client | null = null
  #closed = false
  /** The endpoint was connected once: a failing channel now means the engine went away. */
  #answered = false
  /** Request headers by strategy and plannerip (grpc-js copies the metadata of every call). */
  readonly #headers = new Map<string, Metadata>()

  constructor(endpoint: TransportEndpoint) {
    this.#endpoint = Object.freeze({ ...endpoint })
  }

  get target(): string {
    const h = this.#endpoint.host
    return `${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${this.#endpoint.port}`
  }

  /**
   * What the channel is doing right now: `ready`, `connecting` (or idle), or `failing` (its
   * connections are refused or reset; the engine may be restarting).
   */
  get state(): 'ready' | 'connecting' | 'failing' {
    const state = this.#client?.getChannel().getConnectivityState(false)
    if (state === connectivityState.READY) return 'ready'
    if (state === connectivityState.TRANSIENT_FAILURE) return 'failing'
    return 'connecting'
  }

  get connected(): boolean {
    return this.#client !== null
  }

  #channel(): Client {
    if (this.#closed)
      throw new RpcStatusError('authenticate', GrpcStatus.UNAVAILABLE, 'transport closed')
    if (!this.#client) {
      const e = this.#endpoint
      const creds = e.tls
        ? credentials.createSsl(toBuffer(e.tls.ca), toBuffer(e.tls.key), toBuffer(e.tls.cert))
        : credentials.createInsecure()
      this.#client = new Client(this.target, creds, channelOptionsFor(e))
    }
    return this.#client
  }

  /**
   * A peer that never completes the handshake fails the call after `connectMs`. Refused or reset
   * connections fail it at once — unless the endpoint answered before: then the engine is probably
   * restarting, and the call waits for it up to `connectMs` too.
   */
  async #connected(
    client: Client,
    rpc: RpcName,
    deadline: number | undefined,
    signal: AbortSignal | undefined,
    canceller: CallCanceller | undefined,
  ): Promise<void> {
    const channel = client.getChannel()
    let state = channel.getConnectivityState(true)
    if (state === connectivityState.READY) {
      this.#answered = true
      return
    }
    if (state === connectivityState.SHUTDOWN) return
    if (state === connectivityState.TRANSIENT_FAILURE && !this.#answered) return
    const connectMs = this.#endpoint.connectMs
    const limit =
      connectMs !== undefined && Number.isFinite(connectMs)
        ? Date.now() + connectMs
        : Number.POSITIVE_INFINITY
    const until = Math.min(limit, deadline ?? Number.POSITIVE_INFINITY)
    if (!Number.isFinite(until)) return
    const started = Date.now()
    let failed = state === connectivityState.TRANSIENT_FAILURE
    for (;;) {
      if (signal?.aborted || canceller?.cancelled)
        throw new RpcStatusError(rpc, GrpcStatus.CANCELLED, 'Cancelled on client')
      const changed = await new Promise<boolean>((resolve) => {
        const onAbort = () => resolve(true)
        signal?.addEventListener('abort', onAbort, { once: true })
        canceller?.bind(onAbort)
        channel.watchConnectivityState(state, until, (err) => {
          signal?.removeEventListener('abort', onAbort)
          canceller?.bind(undefined)
          resolve(!err)
        })
      })
      if (signal?.aborted || canceller?.cancelled)
        throw new RpcStatusError(rpc, GrpcStatus.CANCELLED, 'Cancelled on client')
      if (!changed) {
        // connections were refused or reset: the call reports that error itself
        if (failed) return
        throw new RpcStatusError(
          rpc,
          GrpcStatus.DEADLINE_EXCEEDED,
          `no connection to ${this.target} within ${Date.now() - started} ms`,
          'connect',
        )
      }
      state = channel.getConnectivityState(true)
      if (state === connectivityState.READY) {
        this.#answered = true
        return
      }
      if (state === connectivityState.SHUTDOWN) return
      if (state === connectivityState.TRANSIENT_FAILURE) {
        if (!this.#answered) return
        failed = true
      }
    }
  }

  async call<M extends RpcName>(
    rpc: M,
    request: RpcRequest<M>,
    options: TransportCallOptions = {},
  ): Promise<RpcResponse<M>> {
    const client = this.#channel()
    let deadline = options.deadline
    if (options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs)) {
      const d = Date.now() + options.timeoutMs
      deadline = deadline === undefined ? d : Math.min(deadline, d)
    }
    if (deadline !== undefined && !Number.isFinite(deadline)) deadline = undefined
    const { signal, canceller } = options
    await this.#connected(client, rpc, deadline, signal, canceller)
    const def = RPC_METHODS[rpc] as unknown as {
      path: string
      requestSerialize: (v: RpcRequest<M>) => Buffer
      responseDeserialize: (b: Buffer) => RpcResponse<M>
    }
    const md = this.#metadata(options.strategy, options.plannerip)
    return new Promise<RpcResponse<M>>((resolve, reject) => {
      if (signal?.aborted || canceller?.cancelled) {
        reject(new RpcStatusError(rpc, GrpcStatus.CANCELLED, 'Cancelled on client'))
        return
      }
      let onAbort: (() => void) | undefined
      const call = client.makeUnaryRequest<RpcRequest<M>, RpcResponse<M>>(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request,
        md,
        deadline === undefined ? NO_OPTIONS : { deadline },
        (err, value) => {
          if (onAbort) signal?.removeEventListener('abort', onAbort)
          canceller?.bind(undefined)
          if (err) reject(this.#failure(rpc, err, (call as WithHeaders)[HEADERS]))
          else if (value === undefined)
            reject(new RpcStatusError(rpc, GrpcStatus.INTERNAL, 'empty response'))
          else resolve(value)
        },
      )
      call.on('metadata', keepHeaders)
      if (signal) {
        onAbort = () => call.cancel()
        signal.addEventListener('abort', onAbort, { once: true })
      }
      canceller?.bind(() => call.cancel())
    })
  }

  /** Cached: grpc-js validates (and copies) metadata on every call. */
  #metadata(strategy: StrategyColour | null | undefined, plannerip: string | undefined): Metadata {
    const key = `${strategy ?? ''}|${plannerip ?? ''}`
    let md = this.#headers.get(key)
    if (md === undefined) {
      md = new Metadata()
      if (this.#endpoint.clusterName) md.set('cluster-name', this.#endpoint.clusterName)
      if (strategy) md.set('strategy', strategy)
      if (plannerip) md.set('plannerip', plannerip)
      // a few colours × engine IPs; bounded all the same
      if (this.#headers.size >= 64) this.#headers.clear()
      this.#headers.set(key, md)
    }
    return md
  }

  /** A failed call; an answer that was not gRPC (wrong port, a proxy, a web server) says so. */
  #failure(
    rpc: RpcName,
    err: { code: number; details?: string; message: string },
    headers: Metadata | undefined,
  ): RpcStatusError {
    const code = err.code
    const redact = this.#endpoint.redact
    const raw = err.details ?? err.message
    const details = redact ? redact(raw) : raw
    const ct = headers?.get('content-type')[0]
    const contentType = typeof ct === 'string' ? ct : undefined
    if (contentType !== undefined && !contentType.startsWith('application/grpc')) {
      return new RpcStatusError(
        rpc,
        code,
        `non-gRPC answer from ${this.target}: content-type ${contentType} (${details})`,
      )
    }
    const http = FOREIGN_HTTP.exec(details)?.[1]
    if (http !== undefined && http !== '456' && http !== '503' && code !== GrpcStatus.UNAVAILABLE) {
      return new RpcStatusError(
        rpc,
        code,
        `non-gRPC answer from ${this.target}: HTTP status ${http}`,
      )
    }
    return new RpcStatusError(rpc, code, details)
  }

  close(): void {
    this.#closed = true
    this.#client?.close()
    this.#client = null
  }
}

/**
 * Unary gRPC written directly on `node:http2` (protocol.md §13.1), because grpc-js servers cannot
 * answer with a non-200 HTTP status and the e6data gateway does (456 for a stale blue/green
 * colour, 503 while suspended). Errors are trailers-only responses; gateway errors carry no
 * `grpc-status` and no body. Malformed, compressed or oversized frames get a gRPC status and the
 * server keeps serving; a client reset only aborts {@link UnaryCall.signal}.
 *
 * @module
 */

import http2 from 'node:http2'
import type { AddressInfo } from 'node:net'
import { GrpcStatus } from './rpc-error.js'

export interface UnaryCall {
  /** `:path`, e.g. `/QueryEngineService/authenticate`. */
  readonly path: string
  /** Request headers, lower-case keys, first value only. */
  readonly headers: Readonly<Record<string, string>>
  /** The protobuf message bytes (frame payload). */
  readonly message: Uint8Array
  /** Aborted when the client resets or closes the stream before the reply. */
  readonly signal: AbortSignal
}

export type UnaryReply =
  | { readonly kind: 'message'; readonly payload: Uint8Array }
  | { readonly kind: 'status'; readonly code: number; readonly message: string }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'drop' }

export type UnaryHandler = (call: UnaryCall) => Promise<UnaryReply>

export interface GrpcHttp2ServerOptions {
  readonly handler: UnaryHandler
  readonly tls?: {
    readonly cert: string | Uint8Array
    readonly key: string | Uint8Array
    /** CA for client certificates: when set, mutual TLS is required. */
    readonly clientCa?: string | Uint8Array | undefined
  }
  /** Largest accepted request message (bytes). */
  readonly maxRequestBytes: number
  /** Called for unexpected transport errors (never for client resets). */
  readonly onError?: (error: unknown) => void
}

/** Bytes outside 0x20–0x7E and `%` (the gRPC spec). */
export function percentEncodeGrpcMessage(message: string): string {
  const bytes = Buffer.from(message, 'utf8')
  let out = ''
  for (const b of bytes) {
    if (b >= 0x20 && b <= 0x7e && b !== 0x25) out += String.fromCharCode(b)
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** Flag byte 0 (uncompressed), uint32 BE length, payload. */
export function frameGrpcMessage(payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + payload.length)
  frame[0] = 0
  frame.writeUInt32BE(payload.length, 1)
  frame.set(payload, 5)
  return frame
}

function firstHeader(value: string | string[] | undefined): string {
  if (value === undefined) return ''
  return Array.isArray(value) ? (value[0] ?? '') : value
}

export class GrpcHttp2Server {
  readonly #options: GrpcHttp2ServerOptions
  readonly #server: http2.Http2Server | http2.Http2SecureServer
  readonly #sessions = new Set<http2.ServerHttp2Session>()
  #closed = false

  constructor(options: GrpcHttp2ServerOptions) {
    this.#options = Object.freeze({ ...options })
    const settings: http2.Settings = {
      maxConcurrentStreams: 4_096,
      initialWindowSize: 4 * 1024 * 1024,
      maxHeaderListSize: 64 * 1024,
    }
    const common = {
      settings,
      maxSessionMemory: 512,
      // A gRPC server must not fail on a client's keepalive pings.
      maxOutstandingPings: 64,
    }
    this.#server = options.tls
      ? http2.createSecureServer({
          ...common,
          cert: Buffer.from(options.tls.cert),
          key: Buffer.from(options.tls.key),
          ...(options.tls.clientCa === undefined
            ? {}
            : {
                ca: Buffer.from(options.tls.clientCa),
                requestCert: true,
                rejectUnauthorized: true,
              }),
          allowHTTP1: false,
          ALPNProtocols: ['h2'],
        })
      : http2.createServer(common)
    this.#server.on('session', (session: http2.ServerHttp2Session) => {
      this.#sessions.add(session)
      session.on('close', () => this.#sessions.delete(session))
      session.on('error', () => {})
    })
    this.#server.on('stream', (stream, headers) => this.#onStream(stream, headers))
    this.#server.on('sessionError', () => {})
    this.#server.on('tlsClientError', () => {})
  }

  /** Starts listening; resolves to the bound port. */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err)
      this.#server.once('error', onError)
      this.#server.listen(port, host, () => {
        this.#server.off('error', onError)
        this.#server.on('error', (err) => this.#options.onError?.(err))
        resolve((this.#server.address() as AddressInfo).port)
      })
    })
  }

  /** Number of live HTTP/2 sessions (client connections). */
  get connectionCount(): number {
    return this.#sessions.size
  }

  /** Stops listening and destroys every connection. Idempotent. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve()
    this.#closed = true
    return new Promise((resolve) => {
      this.#server.close(() => resolve())
      for (const session of this.#sessions) session.destroy()
      this.#sessions.clear()
    })
  }

  #onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', () => {})
    // created only when a handler asks for the signal (a delay fault): most calls never do
    let controller: AbortController | undefined
    let reset = false
    let replied = false
    stream.on('close', () => {
      if (replied) return
      reset = true
      controller?.abort()
    })
    const method = firstHeader(headers[':method'])
    const path = firstHeader(headers[':path'])
    if (method !== 'POST') {
      replied = true
      this.#sendHttp(stream, 405)
      return
    }
    const contentType = firstHeader(headers['content-type'])
    if (!contentType.startsWith('application/grpc')) {
      replied = true
      this.#sendHttp(stream, 415)
      return
    }
    const encoding = firstHeader(headers['grpc-encoding'])
    const flat: Record<string, string> = {}
    for (const [key, value] of Object.entries(headers)) {
      if (!key.startsWith(':')) flat[key] = firstHeader(value as string | string[] | undefined)
    }

    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    const limit = this.#options.maxRequestBytes + 5
    stream.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
        replied = true
        this.#sendStatus(
          stream,
          GrpcStatus.RESOURCE_EXHAUSTED,
          `request message larger than ${this.#options.maxRequestBytes} bytes`,
        )
        // stop the upload only once the status frame is out (closing at once can drop it)
        setImmediate(() => stream.close(http2.constants.NGHTTP2_NO_ERROR))
        return
      }
      chunks.push(chunk)
    })
    stream.on('end', () => {
      if (tooLarge || stream.destroyed) return
      const body = Buffer.concat(chunks, size)
      const parsed = parseFrame(body, encoding)
      if (typeof parsed === 'object' && 'code' in parsed) {
        replied = true
        this.#sendStatus(stream, parsed.code, parsed.message)
        return
      }
      const call: UnaryCall = {
        path,
        headers: Object.freeze(flat),
        message: parsed,
        get signal() {
          if (controller === undefined) {
            controller = new AbortController()
            if (reset) controller.abort()
          }
          return controller.signal
        },
      }
      this.#options.handler(call).then(
        (reply) => {
          replied = true
          this.#send(stream, reply)
        },
        (error: unknown) => {
          replied = true
          this.#options.onError?.(error)
          this.#sendStatus(stream, GrpcStatus.INTERNAL, 'internal engine error')
        },
      )
    })
  }

  #send(stream: http2.ServerHttp2Stream, reply: UnaryReply): void {
    switch (reply.kind) {
      case 'message':
        this.#sendMessage(stream, reply.payload)
        return
      case 'status':
        this.#sendStatus(stream, reply.code, reply.message)
        return
      case 'http':
        this.#sendHttp(stream, reply.status)
        return
      case 'drop':
        stream.session?.destroy()
        return
    }
  }

  #writable(stream: http2.ServerHttp2Stream): boolean {
    return !stream.destroyed && !stream.closed && !stream.headersSent
  }

  #sendMessage(stream: http2.ServerHttp2Stream, payload: Uint8Array): void {
    if (!this.#writable(stream)) return
    try {
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-accept-encoding': 'identity',
        },
        { waitForTrailers: true },
      )
      stream.once('wantTrailers', () => {
        try {
          stream.sendTrailers({ 'grpc-status': '0', 'grpc-message': '' })
        } catch {
          // client went away
        }
      })
      stream.end(frameGrpcMessage(payload))
    } catch (error) {
      this.#options.onError?.(error)
    }
  }

  #sendStatus(stream: http2.ServerHttp2Stream, code: number, message: string): void {
    if (!this.#writable(stream)) return
    try {
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': String(code),
          'grpc-message': percentEncodeGrpcMessage(message),
        },
        { endStream: true },
      )
    } catch (error) {
      this.#options.onError?.(error)
    }
  }

  #sendHttp(stream: http2.ServerHttp2Stream, status: number): void {
    if (!this.#writable(stream)) return
    try {
      stream.respond({ ':status': status }, { endStream: true })
    } catch (error) {
      this.#options.onError?.(error)
    }
  }
}

function parseFrame(
  body: Buffer,
  encoding: string,
): Uint8Array | { readonly code: number; readonly message: string } {
  if (body.length < 5) {
    return { code: GrpcStatus.INVALID_ARGUMENT, message: 'malformed request: missing gRPC frame' }
  }
  const flag = body[0]
  if (flag !== 0) {
    if (flag === 1) {
      return {
        code: GrpcStatus.UNIMPLEMENTED,
        message: `compressed messages are not supported (grpc-encoding ${encoding || 'unset'})`,
      }
    }
    return { code: GrpcStatus.INVALID_ARGUMENT, message: 'malformed request: bad frame flag' }
  }
  const length = body.readUInt32BE(1)
  if (length !== body.length - 5) {
    return {
      code: GrpcStatus.INVALID_ARGUMENT,
      message: 'malformed request: expected exactly one gRPC message',
    }
  }
  return body.subarray(5)
}

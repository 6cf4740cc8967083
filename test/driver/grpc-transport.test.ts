import { type Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  channelOptionsFor,
  DEFAULT_CHANNEL_OPTIONS,
  GrpcTransport,
} from '../../src/driver/grpc-transport.js'
import { RpcStatusError } from '../../src/driver/rpc-status-error.js'
import { ClusterServiceService } from '../../src/generated/cluster.js'
import { QueryEngineServiceService } from '../../src/generated/e6x_engine.js'

const seen: { path: string; headers: Record<string, unknown> }[] = []
let server: Server
let port: number

const record = (path: string, md: Metadata) => {
  const headers = md.getMap()
  delete headers['user-agent']
  seen.push({ path, headers })
}

beforeAll(async () => {
  server = new Server()
  server.addService(QueryEngineServiceService, {
    status: (call: { metadata: Metadata }, cb: (e: unknown, v?: unknown) => void) => {
      record('status', call.metadata)
      cb(null, { status: true, rowCount: 12n, sessionId: 's' })
    },
    explain: (_call: unknown, cb: (e: unknown) => void) => {
      cb({ code: status.INTERNAL, details: 'Access denied: session sess-123 expired' })
    },
    getNextResultBatch: () => {
      // never answers: the caller aborts
    },
  } as never)
  server.addService(ClusterServiceService, {
    status: (call: { metadata: Metadata }, cb: (e: unknown, v?: unknown) => void) => {
      record('cluster.status', call.metadata)
      cb(null, { status: 'active' })
    },
  } as never)
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  )
})
afterAll(() => {
  server.forceShutdown()
})

describe('GrpcTransport', () => {
  it('paces reconnects as configured (grpc-js would grow the delay to 120 s); channelOptions win', () => {
    const base = { host: 'h', port: 1, tls: null, clusterName: '' }
    const o = channelOptionsFor({ ...base, reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 } })
    expect(o['grpc.initial_reconnect_backoff_ms']).toBe(100)
    expect(o['grpc.max_reconnect_backoff_ms']).toBe(1_000)
    expect(o['grpc.enable_retries']).toBe(0)
    const mine = channelOptionsFor({
      ...base,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
      channelOptions: { 'grpc.max_reconnect_backoff_ms': 5_000 },
    })
    expect(mine['grpc.max_reconnect_backoff_ms']).toBe(5_000)
  })

  it('uses the protocol channel options (grpc-js retries off, no 4 MiB cap, keepalive)', () => {
    expect(DEFAULT_CHANNEL_OPTIONS).toMatchObject({
      'grpc.max_receive_message_length': -1,
      'grpc.max_send_message_length': 300 * 1024 * 1024,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 20_000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.enable_channelz': 0,
      'grpc.enable_retries': 0,
    })
  })

  it('sends cluster-name (lower-cased by the options), strategy and plannerip; omits empty headers; one channel for both services', async () => {
    seen.length = 0
    const t = new GrpcTransport({ host: '127.0.0.1', port, tls: null, clusterName: 'analytics' })
    const res = await t.call(
      'status',
      { engineIP: '10.0.0.7', sessionId: 's', queryId: 'q' },
      {
        strategy: 'green',
        plannerip: '10.0.0.7',
        timeoutMs: 1_000,
      },
    )
    expect(res.rowCount).toBe(12n)
    await t.call(
      'cluster.status',
      { user: 'u', password: 'p' },
      { strategy: 'green', plannerip: '' },
    )
    expect(seen).toEqual([
      {
        path: 'status',
        headers: { 'cluster-name': 'analytics', strategy: 'green', plannerip: '10.0.0.7' },
      },
      { path: 'cluster.status', headers: { 'cluster-name': 'analytics', strategy: 'green' } },
    ])
    t.close()
    t.close()
  })

  it('rejects with a redacted RpcStatusError and cancels on abort', async () => {
    const t = new GrpcTransport({
      host: '127.0.0.1',
      port,
      tls: null,
      clusterName: '',
      redact: (s) => s.replaceAll('sess-123', '***'),
    })
    const err = await t
      .call('explain', { engineIP: '', sessionId: 'sess-123', queryId: 'q' })
      .catch((e) => e)
    expect(err).toBeInstanceOf(RpcStatusError)
    expect(err.grpcCode).toBe(status.INTERNAL)
    expect(err.details).toBe('Access denied: session *** expired')
    const ac = new AbortController()
    const pending = t.call(
      'getNextResultBatch',
      { engineIP: '', sessionId: '', queryId: 'q' },
      { signal: ac.signal },
    )
    setTimeout(() => ac.abort(), 20)
    await expect(pending).rejects.toMatchObject({ grpcCode: status.CANCELLED })
    t.close()
  })
})

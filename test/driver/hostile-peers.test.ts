/**
 * Peers that are not a working e6data engine: a host that accepts TCP and never answers, an HTTP
 * server that answers 404, a web server that answers 200 with a page. Each fails with a typed
 * error within the configured limits, and nothing is retried that cannot succeed.
 */
import { once } from 'node:events'
import http2 from 'node:http2'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ConnectionError,
  createClient,
  ProtocolError,
  StrategyCache,
  TimeoutError,
} from '../../src/driver/index.js'

const sockets = new Set<net.Socket>()
let silent: net.Server
let web: http2.Http2Server
let requests = 0

beforeAll(async () => {
  silent = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
  })
  silent.listen(0, '127.0.0.1')
  web = http2.createServer((req, res) => {
    requests++
    if (req.url.endsWith('/authenticate')) {
      res.writeHead(404)
      res.end('not found')
    } else {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html>hello</html>')
    }
  })
  web.listen(0, '127.0.0.1')
  await Promise.all([once(silent, 'listening'), once(web, 'listening')])
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise((r) => silent.close(r))
  await new Promise((r) => web.close(r))
})

const port = (server: net.Server | http2.Http2Server) => (server.address() as net.AddressInfo).port

describe('hostile peers', () => {
  it('a host that accepts TCP and never answers fails with a connect TimeoutError within the budget', async () => {
    const client = createClient({
      host: '127.0.0.1',
      port: port(silent),
      username: 'u',
      password: 'p',
      timeouts: { connectMs: 150 },
      retry: { baseDelayMs: 5, maxDelayMs: 10, budgetMs: 400 },
      strategyCache: new StrategyCache(),
    })
    const started = Date.now()
    const err = await client.query('select 1').catch((e) => e)
    const elapsed = Date.now() - started
    expect(err).toBeInstanceOf(TimeoutError)
    expect(err).toMatchObject({ phase: 'connect', rpc: 'authenticate', retryable: true })
    expect(['timeouts.connectMs', 'retry.budgetMs']).toContain(err.option)
    expect(err.message).toMatch(/^connect timed out after \d+ ms \(/)
    expect(err.message).toContain(`no connection to 127.0.0.1:${port(silent)}`)
    // bounded by the budget (plus one connect wait), not by attempts × per-call limits
    expect(elapsed).toBeLessThan(5_000)
    await client.close()
  })

  it('HTTP 404 is a ProtocolError (not a QueryError), not retried', async () => {
    requests = 0
    const client = createClient({
      host: '127.0.0.1',
      port: port(web),
      username: 'u',
      password: 'p',
      strategyCache: new StrategyCache(),
    })
    const err = await client.query('select 1').catch((e) => e)
    expect(err).toBeInstanceOf(ProtocolError)
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err).toMatchObject({ code: 'PROTOCOL_ERROR', retryable: false })
    expect(err.message).toContain('not an e6data gRPC endpoint')
    expect(err.message).toContain('HTTP status 404')
    expect(requests).toBe(1)
    await client.close()
  })

  it('a 200 answer without gRPC headers is a ProtocolError naming the content type', async () => {
    requests = 0
    const client = createClient({
      host: '127.0.0.1',
      port: port(web),
      username: 'u',
      password: 'p',
      strategyCache: new StrategyCache(),
    })
    const err = await client.cluster.status().catch((e) => e)
    expect(err).toBeInstanceOf(ProtocolError)
    expect(err.message).toContain('content-type text/html')
    expect(requests).toBe(1)
    await client.close()
  })
})

import { credentials, status } from '@grpc/grpc-js'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import { callError, clusterClient, engineClient, login, runQuery, unary } from './helpers.js'

describe('local engine: TLS', () => {
  let engine: LocalEngine
  let cert: string
  let client: QueryEngineServiceClient

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    })
    cert = pems.cert
    engine = await startLocalEngine({
      sampleData: false,
      tls: { cert: pems.cert, key: pems.private },
    })
    client = engineClient(engine.address, credentials.createSsl(Buffer.from(cert)))
  })

  afterAll(async () => {
    client?.close()
    await engine?.close()
  })

  it('serves QueryEngineService over TLS with a self-signed certificate', async () => {
    expect(engine.tls).toBe(true)
    const sessionId = await login(client, engine)
    const result = await runQuery(client, engine, sessionId, "SELECT 'secure' AS s")
    expect(result.rows).toEqual([{ s: 'secure' }])
  })

  it('serves ClusterService on the same TLS port', async () => {
    const cluster = clusterClient(engine.address, credentials.createSsl(Buffer.from(cert)))
    try {
      expect((await unary(cluster, 'status', { ...engine.credentials })).status).toBe('active')
    } finally {
      cluster.close()
    }
  })

  it('sends real HTTP 503 over TLS too', async () => {
    engine.control.injectFault('authenticate', { kind: 'http', status: 503 })
    const err = await callError(unary(client, 'authenticate', { ...engine.credentials }))
    expect(err.code).toBe(status.UNAVAILABLE)
    expect(err.details).toContain('Received HTTP status code 503')
  })

  it('fails for plaintext clients and untrusted certificates', async () => {
    const plain = engineClient(engine.address)
    const untrusted = engineClient(engine.address, credentials.createSsl())
    try {
      const deadline = Date.now() + 2_000
      const e1 = await callError(
        unary(plain, 'authenticate', { ...engine.credentials }, {}, { deadline }),
      )
      expect([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.INTERNAL]).toContain(e1.code)
      const e2 = await callError(
        unary(untrusted, 'authenticate', { ...engine.credentials }, {}, { deadline }),
      )
      expect([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]).toContain(e2.code)
    } finally {
      plain.close()
      untrusted.close()
    }
  })
})

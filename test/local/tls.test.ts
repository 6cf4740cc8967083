import { credentials, status } from '@grpc/grpc-js'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenEngineFixture, openEngine } from '../helpers/engine-fixture.js'
import { callError, engineClient, login, runQuery, unary } from './helpers.js'

describe('local engine: TLS', () => {
  let cert: string
  let env: OpenEngineFixture

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
    env = await openEngine({
      sampleData: false,
      tls: { cert: pems.cert, key: pems.private },
      rpcCredentials: credentials.createSsl(Buffer.from(cert)),
    })
  })

  afterAll(async () => {
    await env?.close()
  })

  it('serves QueryEngineService over TLS with a self-signed certificate', async () => {
    expect(env.engine.tls).toBe(true)
    const sessionId = await login(env.rpc, env.engine)
    const result = await runQuery(env.rpc, env.engine, sessionId, "SELECT 'secure' AS s")
    expect(result.rows).toEqual([{ s: 'secure' }])
  })

  it('serves ClusterService on the same TLS port', async () => {
    expect((await unary(env.cluster, 'status', { ...env.engine.credentials })).status).toBe(
      'active',
    )
  })

  it('sends real HTTP 503 over TLS too', async () => {
    env.engine.control.injectFault('authenticate', { kind: 'http', status: 503 })
    const err = await callError(unary(env.rpc, 'authenticate', { ...env.engine.credentials }))
    expect(err.code).toBe(status.UNAVAILABLE)
    expect(err.details).toContain('Received HTTP status code 503')
  })

  it('fails for plaintext clients and untrusted certificates', async () => {
    const plain = engineClient(env.engine.address)
    const untrusted = engineClient(env.engine.address, credentials.createSsl())
    try {
      const deadline = Date.now() + 2_000
      const e1 = await callError(
        unary(plain, 'authenticate', { ...env.engine.credentials }, {}, { deadline }),
      )
      expect([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.INTERNAL]).toContain(e1.code)
      const e2 = await callError(
        unary(untrusted, 'authenticate', { ...env.engine.credentials }, {}, { deadline }),
      )
      expect([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]).toContain(e2.code)
    } finally {
      plain.close()
      untrusted.close()
    }
  })
})

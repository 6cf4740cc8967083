import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionError } from '../../src/driver/index.js'
import { type OpenEngineFixture, openEngine } from '../helpers/engine-fixture.js'

let tlsEnv: OpenEngineFixture
let mtlsEnv: OpenEngineFixture
let ca: string
let clientPems: { cert: string; private: string }
beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'e6data.test' }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'e6data.test' }] },
    ],
  })
  // a self-signed client certificate, trusted by the engine as its own CA
  clientPems = await generate([{ name: 'commonName', value: 'e6data-client' }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  })
  ca = pems.cert
  const tls = { cert: pems.cert, key: pems.private }
  ;[tlsEnv, mtlsEnv] = await Promise.all([
    openEngine({ sampleData: false, tls }),
    openEngine({ sampleData: false, tls: { ...tls, clientCa: clientPems.cert } }),
  ])
})
afterAll(async () => {
  await Promise.all([tlsEnv?.close(), mtlsEnv?.close()])
})

describe('TLS', () => {
  it('connects with a custom CA and grpc.ssl_target_name_override', async () => {
    const c = tlsEnv.newClient({
      secure: { ca, serverName: 'e6data.test' },
      catalog: undefined,
      database: undefined,
    })
    expect((await c.query("select 'secure' as s")).rows).toEqual([{ s: 'secure' }])
    expect(await c.cluster.status()).toBe('active')
    await c.close()
  })

  it('refuses a server certificate it cannot verify (no silent skip)', async () => {
    const c = tlsEnv.newClient({
      secure: true,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    })
    await expect(c.query('select 1')).rejects.toBeInstanceOf(ConnectionError)
    await c.close()
  })

  it('presents a client certificate for mutual TLS', async () => {
    const c = mtlsEnv.newClient({
      secure: { ca, serverName: 'e6data.test', cert: clientPems.cert, key: clientPems.private },
      catalog: undefined,
      database: undefined,
    })
    expect((await c.query("select 'mutual' as s")).rows).toEqual([{ s: 'mutual' }])
    await c.close()
  })

  it('fails without a client certificate when the engine requires one', async () => {
    const c = mtlsEnv.newClient({
      secure: { ca, serverName: 'e6data.test' },
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    })
    await expect(c.query('select 1')).rejects.toBeInstanceOf(ConnectionError)
    await c.close()
  })
})

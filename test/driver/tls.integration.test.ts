import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionError } from '../../src/driver/index.js'
import type { LocalEngine } from '../../src/local/index.js'
import { clientFor, startEngine } from './helpers/engine.js'

let engine: LocalEngine
let ca: string
beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'e6data.test' }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'e6data.test' }] },
    ],
  })
  ca = pems.cert
  engine = await startEngine({ sampleData: false, tls: { cert: pems.cert, key: pems.private } })
})
afterAll(async () => {
  await engine.close()
})

describe('TLS', () => {
  it('connects with a custom CA and grpc.ssl_target_name_override', async () => {
    const c = clientFor(engine, {
      secure: { ca, serverName: 'e6data.test' },
      catalog: undefined,
      database: undefined,
    })
    expect((await c.query("select 'secure' as s")).rows).toEqual([{ s: 'secure' }])
    expect(await c.cluster.status()).toBe('active')
    await c.close()
  })

  it('refuses a server certificate it cannot verify (no silent skip)', async () => {
    const c = clientFor(engine, {
      secure: true,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    })
    await expect(c.query('select 1')).rejects.toBeInstanceOf(ConnectionError)
    await c.close()
  })
})

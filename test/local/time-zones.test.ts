import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import { decodeChunk, decodeMetadata, zonedTimestamp } from '../../src/wire/index.js'
import { delay, engineClient, login, prepareAndExecute, runQuery, unary } from './helpers.js'

const CLI_FIXTURE = fileURLToPath(new URL('./fixtures/run-local-cli.ts', import.meta.url))

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n

describe('local engine: TIMESTAMP_TZ zones (ICU)', () => {
  let engine: LocalEngine
  let client: QueryEngineServiceClient
  let sessionId: string

  beforeAll(async () => {
    engine = await startLocalEngine({ sampleData: false, timeZone: 'America/New_York' })
    client = engineClient(engine.address)
    sessionId = await login(client, engine)
  })

  afterAll(async () => {
    client?.close()
    await engine?.close()
  })

  it('sends the session zone with every row; offsets follow DST per row', async () => {
    const q = await prepareAndExecute(
      client,
      engine,
      sessionId,
      `SELECT x FROM (VALUES (1, TIMESTAMPTZ '2026-01-15 12:00:00+00'),
         (2, TIMESTAMPTZ '2026-07-15 12:00:00+00'), (3, NULL)) t(i, x) ORDER BY i`,
    )
    const meta = decodeMetadata((await unary(client, 'getResultMetadata', q)).resultMetaData)
    expect(meta.columns[0]?.typeName).toBe('TIMESTAMP_TZ')
    const batch = decodeChunk(
      (await unary(client, 'getNextResultBatch', q)).resultBatch,
      meta.columns,
    )
    if (batch === null) throw new Error('no batch')
    expect(batch.raw('x', 0)).toEqual({
      micros: us('2026-01-15T12:00:00Z'),
      zone: 'America/New_York',
    })
    expect(zonedTimestamp(batch, 'x', 0)?.text).toBe('2026-01-15T07:00:00.000000-05:00')
    expect(zonedTimestamp(batch, 'x', 1)?.text).toBe('2026-07-15T08:00:00.000000-04:00')
    expect(zonedTimestamp(batch, 'x', 2)).toBeNull()
    await unary(client, 'clear', q)
  })

  it('computes TIMESTAMPTZ casts, date_trunc and extraction in the session zone', async () => {
    const { rows } = await runQuery(
      client,
      engine,
      sessionId,
      `SELECT (TIMESTAMPTZ '2026-07-15 02:00:00+00')::DATE AS d,
         (TIMESTAMPTZ '2026-07-15 02:00:00+00')::VARCHAR AS s,
         extract(hour FROM TIMESTAMPTZ '2026-07-15 02:00:00+00') AS h,
         current_setting('TimeZone') AS tz`,
    )
    expect(rows[0]).toEqual({
      d: '2026-07-14',
      s: '2026-07-14 22:00:00-04',
      h: 22n,
      tz: 'America/New_York',
    })
  })

  it('defaults to UTC, whatever the host zone (engine in a child process with TZ=Asia/Tokyo)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI_FIXTURE, '--port', '0', '--no-sample-data'],
      { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TZ: 'Asia/Tokyo' } },
    )
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise((resolve) => child.on('exit', resolve))
    try {
      const deadline = Date.now() + 20_000
      while (!output.includes('listening on')) {
        if (Date.now() > deadline) throw new Error(output)
        await delay(20)
      }
      const address = /listening on (\S+)/.exec(output)?.[1] as string
      const c = engineClient(address)
      try {
        const remote = { credentials: engine.credentials, catalog: '', schema: '' } as LocalEngine
        const sid = await login(c, remote)
        const r = await runQuery(
          c,
          remote,
          sid,
          `SELECT TIMESTAMPTZ '2026-02-12 05:30:00.123456+05:30' AS t,
             (TIMESTAMPTZ '2026-02-12 20:00:00+00')::DATE AS d, current_setting('TimeZone') AS tz`,
        )
        expect(r.raw[0]).toEqual([
          { micros: us('2026-02-12T00:00:00.123Z') + 456n, zone: 'UTC' },
          us('2026-02-12T00:00:00Z'),
          'UTC',
        ])
      } finally {
        c.close()
      }
    } finally {
      child.stdin.write('quit\n')
      await exited
    }
  }, 30_000)

  it('rejects a time zone that is not an IANA name', async () => {
    await expect(startLocalEngine({ sampleData: false, timeZone: 'Not/AZone' })).rejects.toThrow(
      /timeZone must be an IANA time zone name/,
    )
  })
})

import { spawn } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { parseFaultCommand, parseLocalCliArgs, runLocalCli } from '../../src/cli/local-command.js'
import type { LocalEngine } from '../../src/local/index.js'
import { eventually } from '../helpers/eventually.js'
import { callError, clusterClient, engineClient, unary } from './helpers.js'

const FIXTURE = fileURLToPath(new URL('./fixtures/run-local-cli.ts', import.meta.url))

function collector() {
  let text = ''
  return {
    stream: { write: (s: string) => (text += s) },
    get text() {
      return text
    },
  }
}

describe('local engine CLI', () => {
  it('parses arguments', () => {
    expect(parseLocalCliArgs(['local', '--port', '9001', '--no-sample-data'])).toEqual({
      port: 9001,
      sampleData: false,
    })
    expect(parseLocalCliArgs(['--batch-size=500', '--strategy', 'green'])).toEqual({
      port: 9000,
      batchSize: 500,
      strategy: 'green',
    })
    expect(
      parseLocalCliArgs([
        '--data',
        'sales=./lake/sales',
        '--data=./orders.csv',
        '--time-zone',
        'Europe/Berlin',
        '--memory-limit',
        '1GB',
        '--temp-directory',
        '/tmp/spill',
        '--stream-results',
      ]),
    ).toEqual({
      port: 9000,
      data: ['sales=./lake/sales', './orders.csv'],
      timeZone: 'Europe/Berlin',
      memoryLimit: '1GB',
      tempDirectory: '/tmp/spill',
      streamResults: true,
    })
    expect(() => parseLocalCliArgs(['--data'])).toThrow(/--data needs/)
    expect(parseLocalCliArgs(['--help'])).toBeUndefined()
    expect(() => parseLocalCliArgs(['--bogus'])).toThrow(/unknown option/)
    expect(() => parseLocalCliArgs(['--tls-cert', 'x.pem'])).toThrow(/go together/)
    expect(parseFaultCommand(['executeStatementV2', 'http', '503', '2'])).toEqual({
      rpc: 'executeStatementV2',
      fault: { kind: 'http', status: 503, after: false },
      times: 2,
    })
    expect(parseFaultCommand(['getNextResultBatch', 'drop', 'after'])).toEqual({
      rpc: 'getNextResultBatch',
      fault: { kind: 'drop', after: true },
      times: 1,
    })
  })

  it('prints address and credentials and obeys stdin commands', async () => {
    const stdin = new PassThrough()
    const out = collector()
    const err = collector()
    let engine: LocalEngine | undefined
    const running = runLocalCli(['--port', '0', '--no-sample-data', '--resume-delay-ms', '50'], {
      stdin,
      stdout: out.stream,
      stderr: err.stream,
      handleSignals: false,
      onStarted: (e) => {
        engine = e
      },
    })
    await eventually(() => engine !== undefined)
    const e = engine as LocalEngine
    expect(out.text).toContain(`listening on ${e.address}`)
    expect(out.text).toContain('demo@e6data.local')
    expect(out.text).toContain('local-token')
    const client = engineClient(e.address)
    const cluster = clusterClient(e.address)
    try {
      stdin.write('suspend\n')
      await eventually(() => out.text.includes('cluster suspended'))
      const suspended = await callError(unary(client, 'authenticate', { ...e.credentials }))
      expect(suspended.code).toBe(status.UNAVAILABLE)
      stdin.write('resume\n')
      await eventually(() => out.text.includes('cluster active'))
      expect((await unary(cluster, 'status', { ...e.credentials })).status).toBe('active')
      stdin.write('fault authenticate http 456\n')
      await eventually(() => out.text.includes('fault armed'))
      expect(
        (await callError(unary(client, 'authenticate', { ...e.credentials }))).details,
      ).toContain('456')
      stdin.write('switch-now\nstatus\ncalls\nbogus\n')
      await eventually(() => out.text.includes('unknown command'))
      expect(out.text).toContain('strategy is now green')
      expect(out.text).toContain('"cluster":"active"')
      stdin.write('fault nope drop\n')
      await eventually(() => err.text.includes('unknown rpc'))
      stdin.write('quit\n')
      await running
      expect(out.text).toContain('stopped')
    } finally {
      client.close()
      cluster.close()
    }
  })

  it('stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', FIXTURE, '--port', '0', '--no-sample-data'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    )
    await eventually(() => output.includes('listening on'), 20_000)
    const address = /listening on (\S+)/.exec(output)?.[1] as string
    const client = engineClient(address)
    try {
      const res = await unary(client, 'authenticate', {
        user: 'demo@e6data.local',
        password: 'local-token',
      })
      expect(res.sessionId).not.toBe('')
    } finally {
      client.close()
    }
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(output).toContain('stopped')
  }, 30_000)

  it('rejects bad arguments with usage', async () => {
    const err = collector()
    await expect(
      runLocalCli(['--port', 'x'], {
        stdin: new PassThrough(),
        stdout: collector().stream,
        stderr: err.stream,
        handleSignals: false,
      }),
    ).rejects.toThrow(/--port/)
    expect(err.text).toContain('Usage: kysely-e6data local')
  })
})

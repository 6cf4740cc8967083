/**
 * The "done when": every RPC of a query × every failure class either succeeds with exactly
 * the right rows or fails with the documented typed error — with no duplicated execute, no lost or
 * duplicated row, and no query left open on the engine.
 *
 * By default the first batch is requested together with the metadata (pipelining), so a connection
 * dropped while the metadata is in flight also loses that batch request (it may have advanced the
 * cursor): QueryInterruptedError, where the reference order (metadata first) recovers. The
 * metadata and batch rows run in both orders.
 */
import { status as grpcStatus } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import type { E6dataClient } from '../../src/driver/index.js'
import type { Fault } from '../../src/local/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { ENGINE_DEFAULTS, rangeQuery } from './helpers/engine.js'

type Rpc =
  | 'authenticate'
  | 'prepareStatementV2'
  | 'executeStatementV2'
  | 'getResultMetadata'
  | 'getNextResultBatch'
  | 'status'
  | 'clearOrCancelQuery'
type FaultName = 'unavailable' | 'drop' | 'expiry' | 'switch456' | 'suspended503' | 'deadline'
type Expect =
  | 'ok'
  | 'QueryInterruptedError'
  | 'AuthenticationError'
  | 'TimeoutError'
  | 'DecodeError'

const DELAY_MS = 900
const FAULTS: Record<FaultName, Fault> = {
  unavailable: { kind: 'grpc', code: grpcStatus.UNAVAILABLE, message: 'injected: unavailable' },
  drop: { kind: 'drop' },
  expiry: { kind: 'grpc', code: grpcStatus.INTERNAL, message: 'Access denied: session expired' },
  switch456: { kind: 'http', status: 456 },
  suspended503: { kind: 'http', status: 503 },
  deadline: { kind: 'delay', ms: DELAY_MS },
}

/** Documented outcome per cell (protocol.md §5.3, §6.3, §7). */
const MATRIX: Record<Rpc, Record<FaultName, Expect>> = {
  authenticate: {
    unavailable: 'ok',
    drop: 'ok',
    expiry: 'AuthenticationError',
    switch456: 'ok',
    suspended503: 'ok',
    deadline: 'ok',
  },
  prepareStatementV2: {
    unavailable: 'ok',
    drop: 'ok',
    expiry: 'ok',
    switch456: 'ok',
    suspended503: 'ok',
    deadline: 'ok',
  },
  executeStatementV2: {
    unavailable: 'QueryInterruptedError',
    drop: 'QueryInterruptedError',
    expiry: 'ok',
    switch456: 'ok',
    suspended503: 'ok',
    deadline: 'TimeoutError',
  },
  getResultMetadata: {
    unavailable: 'ok',
    drop: 'QueryInterruptedError',
    expiry: 'QueryInterruptedError',
    switch456: 'QueryInterruptedError',
    suspended503: 'QueryInterruptedError',
    deadline: 'TimeoutError',
  },
  getNextResultBatch: {
    unavailable: 'QueryInterruptedError',
    drop: 'QueryInterruptedError',
    expiry: 'QueryInterruptedError',
    switch456: 'QueryInterruptedError',
    suspended503: 'QueryInterruptedError',
    deadline: 'TimeoutError',
  },
  status: {
    unavailable: 'ok',
    drop: 'ok',
    expiry: 'QueryInterruptedError',
    switch456: 'QueryInterruptedError',
    suspended503: 'QueryInterruptedError',
    deadline: 'ok',
  },
  clearOrCancelQuery: {
    unavailable: 'ok',
    drop: 'ok',
    expiry: 'ok',
    switch456: 'ok',
    suspended503: 'ok',
    deadline: 'ok',
  },
}

/** Outcomes that differ in the reference order (`pipelining: false`). */
const REFERENCE_ORDER: Partial<Record<Rpc, Partial<Record<string, Expect>>>> = {
  getResultMetadata: { drop: 'ok', 'drop after it ran': 'ok' },
}
/** Rows that run in both orders. */
const BOTH_ORDERS: ReadonlySet<Rpc> = new Set(['getResultMetadata', 'getNextResultBatch'])

const { sql, ids } = rangeQuery(2_500) // 3 batches of ≤ 1 000 rows

// no short idle timeout: a prepare that outlived its deadline is cleared by the driver itself
// when the late reply arrives (the ownership rule), not by the engine's sweeper
const env = useEngine(ENGINE_DEFAULTS)

function newClient(pipelining: boolean): E6dataClient {
  return env.newClient({
    timeouts: { authenticateMs: 300, prepareMs: 300, rpcMs: 300 },
    poolSize: 1,
    pipelining,
  })
}

/** Runs the query; for `status` cells, asks for the status mid-stream (the fault hits that call). */
async function runCell(
  client: E6dataClient,
  rpc: Rpc,
  fault: Fault,
  expected: Expect,
): Promise<{ rows: bigint[]; statusError?: unknown }> {
  // A query deadline only where the cell expects it to fire (a delayed execute/metadata/batch);
  // calls with their own per-RPC deadline (authenticate, prepare, status, clear) are retried
  // within the operation's budget, and a tight overall deadline would only make them flaky.
  // (the query deadline, 200 ms, fires before any per-call limit of 300 ms can)
  const timeoutMs = fault.kind === 'delay' && expected === 'TimeoutError' ? 200 : undefined
  if (rpc !== 'status') {
    env.engine.control.injectFault(rpc, fault)
    const res = await client.query<{ event_id: bigint }>(sql, [], { timeoutMs })
    return { rows: res.rows.map((r) => r.event_id) }
  }
  const rows: bigint[] = []
  let statusError: unknown
  for await (const batch of client.stream<{ event_id: bigint }>(sql)) {
    if (rows.length === 0) {
      // let the read-ahead of batch 2 land first, so that a dropped connection hits only `status`
      await eventually(() => env.engine.control.calls('getNextResultBatch') >= 2)
      await new Promise((r) => setTimeout(r, 30))
      env.engine.control.injectFault('status', fault)
      try {
        const st = await client.status(batch.queryId)
        expect(st?.rowCount).toBeGreaterThan(0n)
      } catch (err) {
        statusError = err
      }
    }
    for (const r of batch.toRows()) rows.push(r.event_id)
  }
  return { rows, statusError }
}

/** Replies lost after the engine acted, and damaged result bytes. */
const EXTRA: ReadonlyArray<readonly [Rpc, string, Expect, Fault]> = [
  [
    'executeStatementV2',
    'drop after it ran',
    'QueryInterruptedError',
    { kind: 'drop', after: true },
  ],
  [
    'executeStatementV2',
    'UNAVAILABLE after it ran',
    'QueryInterruptedError',
    { kind: 'grpc', code: grpcStatus.UNAVAILABLE, message: 'injected', after: true },
  ],
  [
    'getResultMetadata',
    'drop after it ran',
    'QueryInterruptedError',
    { kind: 'drop', after: true },
  ],
  [
    'getNextResultBatch',
    'drop after it ran',
    'QueryInterruptedError',
    { kind: 'drop', after: true },
  ],
  ['getNextResultBatch', 'corrupt bytes', 'DecodeError', { kind: 'corrupt' }],
  ['getNextResultBatch', 'truncated bytes', 'DecodeError', { kind: 'truncate' }],
  ['getResultMetadata', 'truncated bytes', 'DecodeError', { kind: 'truncate' }],
]

describe('fault matrix: RPC × failure', () => {
  const pipelined = [
    ...Object.entries(MATRIX).flatMap(([rpc, row]) =>
      Object.entries(row).map(
        ([fault, expected]) => [rpc as Rpc, fault, expected, FAULTS[fault as FaultName]] as const,
      ),
    ),
    ...EXTRA,
  ]
  const cells = [
    ...pipelined.map((c) => [...c, 'pipelined'] as const),
    ...pipelined
      .filter(([rpc]) => BOTH_ORDERS.has(rpc))
      .map(
        ([rpc, fault, expected, f]) =>
          [rpc, fault, REFERENCE_ORDER[rpc]?.[fault] ?? expected, f, 'reference order'] as const,
      ),
  ]

  it.each(cells)('%s × %s → %s (%s)', async (rpc, faultName, expected, fault, order) => {
    env.engine.control.clearFaults()
    await eventually(() => env.engine.control.openQueries() === 0, 3_000)
    env.engine.control.resetCounters()
    const client = newClient(order === 'pipelined')
    try {
      if (rpc !== 'authenticate') await client.ping() // a session exists, so the fault hits the RPC under test
      let outcome: Expect = 'ok'
      let result: Awaited<ReturnType<typeof runCell>> | undefined
      try {
        result = await runCell(client, rpc, fault, expected)
      } catch (err) {
        outcome = (err as Error).constructor.name as Expect
        if (outcome !== expected) throw err
      }
      if (rpc === 'status' && result?.statusError) {
        const e = result.statusError as Error
        expect(e.constructor.name).toBe(expected)
        expect(result.rows).toEqual(ids) // the stream itself is unaffected
      } else {
        expect(outcome).toBe(expected)
        if (outcome === 'ok') expect(result?.rows).toEqual(ids) // no lost or duplicated row
      }
      // a query is never executed twice
      expect(env.engine.control.calls('executeStatementV2')).toBeLessThanOrEqual(1)
      // nothing left open on the engine (late replies included)
      await eventually(() => env.engine.control.openQueries() === 0, DELAY_MS + 1_500)
      expect(client.openQueries).toBe(0)
      if (rpc === 'prepareStatementV2' && faultName === 'deadline') {
        // attempt 1 timed out, attempt 2 ran the query: both prepared queries were cleared
        expect(env.engine.control.calls('prepareStatementV2')).toBe(2)
        await eventually(() => env.engine.control.calls('clearOrCancelQuery') === 2)
      }
    } finally {
      env.engine.control.clearFaults()
      await client.close()
    }
  })
})

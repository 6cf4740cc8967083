import { describe, expect, it } from 'vitest'
import * as cluster from '../../src/generated/cluster.js'
import * as engine from '../../src/generated/e6x_engine.js'

/** A message codec as ts-proto generates it. */
interface Codec {
  create(base?: any): any
  encode(message: any): { finish(): Uint8Array }
  decode(input: Uint8Array): any
}

/** ts-proto (env=node) decodes `bytes` as Buffer; compare as plain Uint8Array. */
function plain(msg: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(msg).map(([k, v]) => [k, Buffer.isBuffer(v) ? new Uint8Array(v) : v]),
  )
}

function codecs(mod: Record<string, unknown>): Array<[string, Codec]> {
  return Object.entries(mod).filter(
    (entry): entry is [string, Codec] =>
      typeof entry[1] === 'object' &&
      entry[1] !== null &&
      'encode' in entry[1] &&
      'decode' in entry[1] &&
      'create' in entry[1],
  )
}

/** Fills every scalar field of a default message with a distinctive non-default value. */
function fill(codec: Codec): Record<string, unknown> {
  const msg = codec.create() as Record<string, unknown>
  for (const [key, value] of Object.entries(msg)) {
    if (typeof value === 'string') msg[key] = `v:${key}:é😀`
    else if (typeof value === 'bigint') msg[key] = -9223372036854775808n
    else if (typeof value === 'number') msg[key] = -7
    else if (typeof value === 'boolean') msg[key] = true
    else if (value instanceof Uint8Array) msg[key] = new Uint8Array([0, 255, 1, 128])
  }
  return msg
}

// ---- a minimal protobuf writer, so field numbers and wire types are checked independently of
// ---- the generated code (a wrong field number in the .proto cannot hide behind a round trip).
function varint(n: bigint): number[] {
  const out: number[] = []
  let v = BigInt.asUintN(64, n)
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
  return out
}
const zigzag = (n: bigint) => (n << 1n) ^ (n >> 63n)
const tag = (field: number, wire: number) => varint(BigInt((field << 3) | wire))
const fVarint = (field: number, n: bigint) => [...tag(field, 0), ...varint(n)]
const fSint = (field: number, n: bigint) => fVarint(field, BigInt.asUintN(64, zigzag(n)))
const fBytes = (field: number, bytes: Uint8Array | number[]) => [
  ...tag(field, 2),
  ...varint(BigInt(bytes.length)),
  ...bytes,
]
const fString = (field: number, s: string) => fBytes(field, [...new TextEncoder().encode(s)])
const bytes = (...parts: number[][]) => new Uint8Array(parts.flat())

describe('generated protobuf messages', () => {
  const all = [...codecs(engine), ...codecs(cluster)]

  it('declares every message of protocol.md', () => {
    const names = all.map(([name]) => name)
    for (const expected of [
      'AuthenticateRequest',
      'PrepareStatementV2Request',
      'ExecuteStatementV2Request',
      'GetNextResultBatchResponse',
      'StatusResponse',
      'ExplainAnalyzeResponse',
      'GetColumnsResponse',
      'IdentifyPlannerRequest',
      'IdentifyPlannerRequest_FirstTimeRequestPayload',
      'AggregateOnDataFrameRequest',
      'DropUserContextResponse',
      'ResumeRequest',
      'ClusterStatusResponse',
    ]) {
      expect(names).toContain(expected)
    }
    expect(all.length).toBeGreaterThan(90)
  })

  it.each(all)('%s round-trips with every scalar field set', (_name, codec) => {
    const msg = fill(codec)
    const decoded = codec.decode(codec.encode(msg).finish())
    expect(plain(decoded)).toEqual(msg)
  })

  it.each(all)('%s round-trips its default value to zero bytes', (_name, codec) => {
    const encoded = codec.encode(codec.create()).finish()
    expect(codec.decode(encoded)).toEqual(codec.create())
  })

  it('round-trips repeated and nested fields', () => {
    const cols = engine.GetColumnsResponse.create({
      fieldInfo: [
        { fieldName: 'id', fieldType: 'bigint' },
        { fieldName: 'd', fieldType: 'decimal(7,2)' },
      ],
      sessionId: 's',
      newStrategy: 'green',
    })
    expect(
      engine.GetColumnsResponse.decode(engine.GetColumnsResponse.encode(cols).finish()),
    ).toEqual(cols)
    const exec = engine.ExecuteStatementV2Request.create({
      queryId: 'q',
      params: [
        { index: -1, type: 'VARCHAR', value: 'x' },
        { index: 2, type: 'BIGINT', value: '9' },
      ],
    })
    expect(
      engine.ExecuteStatementV2Request.decode(
        engine.ExecuteStatementV2Request.encode(exec).finish(),
      ),
    ).toEqual(exec)
    const agg = engine.AggregateOnDataFrameRequest.create({
      aggregateFunctionMap: { a: engine.AggregateFunction.COUNT_DISTINCT },
      groupBy: ['g'],
    })
    expect(
      engine.AggregateOnDataFrameRequest.decode(
        engine.AggregateOnDataFrameRequest.encode(agg).finish(),
      ),
    ).toEqual(agg)
  })
})

describe('field numbers and wire types match protocol.md §3', () => {
  it('AuthenticateRequest 1 user · 2 password · 3 userNameForImpersonation', () => {
    const m = engine.AuthenticateRequest.decode(
      bytes(fString(1, 'u'), fString(2, 'p'), fString(3, 'i')),
    )
    expect(m).toEqual({ user: 'u', password: 'p', userNameForImpersonation: 'i' })
  })

  it('AuthenticateResponse 1 sessionId · 2 new_strategy · 3 engineIP', () => {
    const m = engine.AuthenticateResponse.decode(
      bytes(fString(1, 's'), fString(2, 'green'), fString(3, '10.0.0.1')),
    )
    expect(m).toEqual({ sessionId: 's', newStrategy: 'green', engineIP: '10.0.0.1' })
  })

  it('PrepareStatementV2Request 1 sessionId · 2 schema · 3 catalog · 4 queryString', () => {
    const m = engine.PrepareStatementV2Request.encode(
      engine.PrepareStatementV2Request.create({
        sessionId: 'a',
        schema: 'b',
        catalog: 'c',
        queryString: 'd',
      }),
    ).finish()
    expect([...m]).toEqual([
      ...bytes(fString(1, 'a'), fString(2, 'b'), fString(3, 'c'), fString(4, 'd')),
    ])
  })

  it('PrepareStatementRequest 1 sessionId · 2 schema · 3 queryString', () => {
    const m = engine.PrepareStatementRequest.decode(
      bytes(fString(1, 'a'), fString(2, 'b'), fString(3, 'q')),
    )
    expect(m).toMatchObject({ sessionId: 'a', schema: 'b', queryString: 'q' })
  })

  it('PrepareStatementResponse 1 engineIP · 2 queryId · 3 sessionId · 4 new_strategy', () => {
    const m = engine.PrepareStatementResponse.decode(
      bytes(fString(1, 'ip'), fString(2, 'q'), fString(3, 's'), fString(4, 'blue')),
    )
    expect(m).toEqual({ engineIP: 'ip', queryId: 'q', sessionId: 's', newStrategy: 'blue' })
  })

  it('per-query requests 1 engineIP · 2 sessionId · 3 queryId', () => {
    const wire = bytes(fString(1, 'ip'), fString(2, 's'), fString(3, 'q'))
    for (const codec of [
      engine.ExecuteStatementRequest,
      engine.GetResultMetadataRequest,
      engine.GetNextResultBatchRequest,
      engine.StatusRequest,
      engine.ExplainRequest,
      engine.ExplainAnalyzeRequest,
      engine.CancelQueryRequest,
      engine.ClearRequest,
      engine.ClearOrCancelQueryRequest,
    ] as Codec[]) {
      expect(codec.decode(wire)).toMatchObject({ engineIP: 'ip', sessionId: 's', queryId: 'q' })
    }
    expect(engine.ClearOrCancelQueryRequest.decode(bytes(fVarint(4, 1n)))).toMatchObject({
      isDone: true,
    })
    expect(engine.ExecuteStatementV2Request.decode(bytes(fVarint(4, 1n)))).toMatchObject({
      shouldNotCache: true,
    })
  })

  it('ParameterValue 1 index sint32 · 2 type · 3 value; ExecuteStatementV2Request 5 params', () => {
    const param = bytes(fSint(1, -3n), fString(2, 'BIGINT'), fString(3, '42'))
    const m = engine.ExecuteStatementV2Request.decode(bytes(fString(3, 'q'), fBytes(5, param)))
    expect(m.params).toEqual([{ index: -3, type: 'BIGINT', value: '42' }])
  })

  it('GetResultMetadataResponse 1 resultMetaData · 2 sessionId · 3 new_strategy', () => {
    const m = plain(
      engine.GetResultMetadataResponse.decode(
        bytes(fBytes(1, [1, 2, 3]), fString(2, 's'), fString(3, 'green')),
      ),
    )
    expect(m).toEqual({
      resultMetaData: new Uint8Array([1, 2, 3]),
      sessionId: 's',
      newStrategy: 'green',
    })
  })

  it('GetNextResultBatchResponse has no field 1: 2 resultBatch · 3 sessionId · 4 new_strategy', () => {
    const m = plain(
      engine.GetNextResultBatchResponse.decode(
        bytes(fBytes(2, [9, 8]), fString(3, 's'), fString(4, 'blue')),
      ),
    )
    expect(m).toEqual({ resultBatch: new Uint8Array([9, 8]), sessionId: 's', newStrategy: 'blue' })
    // field 1 (not declared) is skipped as unknown
    expect(
      engine.GetNextResultBatchResponse.decode(bytes(fBytes(1, [7]))).resultBatch,
    ).toHaveLength(0)
  })

  it('StatusResponse 2 status bool · 3 rowCount sint64 · 4 sessionId · 5 new_strategy', () => {
    const m = engine.StatusResponse.decode(
      bytes(fVarint(2, 1n), fSint(3, 123456789012n), fString(4, 's'), fString(5, 'green')),
    )
    expect(m).toEqual({
      status: true,
      rowCount: 123456789012n,
      sessionId: 's',
      newStrategy: 'green',
    })
    // zig-zag: 1 encodes as 2
    expect([
      ...engine.StatusResponse.encode(engine.StatusResponse.create({ rowCount: 1n })).finish(),
    ]).toEqual([...fVarint(3, 2n)])
  })

  it('ExplainAnalyzeResponse sint64 timings and field 6 new_strategy', () => {
    const m = engine.ExplainAnalyzeResponse.decode(
      bytes(
        fString(1, '{}'),
        fVarint(2, 1n),
        fSint(3, 15n),
        fSint(4, -2n),
        fString(5, 's'),
        fString(6, 'blue'),
      ),
    )
    expect(m).toEqual({
      explainAnalyze: '{}',
      isCached: true,
      parsingTime: 15n,
      queueingTime: -2n,
      sessionId: 's',
      newStrategy: 'blue',
    })
  })

  it('strategy-carrying responses put new_strategy where protocol.md §6.1 says', () => {
    const cases: Array<[Codec, number]> = [
      [engine.AuthenticateResponse, 2],
      [engine.PrepareStatementResponse, 4],
      [engine.ExecuteStatementResponse, 2],
      [engine.GetResultMetadataResponse, 3],
      [engine.GetNextResultBatchResponse, 4],
      [engine.ExplainAnalyzeResponse, 6],
      [engine.ClearResponse, 2],
      [engine.CancelQueryResponse, 2],
      [engine.ClearOrCancelQueryResponse, 2],
      [engine.ExplainResponse, 3],
      [engine.StatusResponse, 5],
      [engine.GetSchemaNamesResponse, 3],
      [engine.GetTablesResponse, 3],
      [engine.GetColumnsResponse, 3],
    ]
    for (const [codec, field] of cases) {
      expect(codec.decode(bytes(fString(field, 'green'))).newStrategy).toBe('green')
    }
  })

  it('schema RPC messages', () => {
    expect(engine.GetSchemaNamesV2Request.decode(bytes(fString(1, 's'), fString(2, 'c')))).toEqual({
      sessionId: 's',
      catalog: 'c',
    })
    expect(
      engine.GetTablesV2Request.decode(bytes(fString(1, 's'), fString(2, 'sch'), fString(3, 'c'))),
    ).toEqual({
      sessionId: 's',
      schema: 'sch',
      catalog: 'c',
    })
    expect(
      engine.GetColumnsV2Request.decode(
        bytes(fString(1, 's'), fString(2, 'sch'), fString(3, 't'), fString(4, 'c')),
      ),
    ).toEqual({ sessionId: 's', schema: 'sch', table: 't', catalog: 'c' })
    const field = bytes(fString(1, 'id'), fString(2, 'bigint'))
    expect(
      engine.GetColumnsResponse.decode(bytes(fBytes(1, field), fString(2, 's'))).fieldInfo,
    ).toEqual([{ fieldName: 'id', fieldType: 'bigint' }])
    expect(
      engine.GetSchemaNamesResponse.decode(bytes(fString(1, 'a'), fString(1, 'b'))).schemas,
    ).toEqual(['a', 'b'])
    expect(engine.GetTablesResponse.decode(bytes(fString(1, 't1'))).tables).toEqual(['t1'])
  })

  it('ClusterService messages 1 user · 2 password / 1 status', () => {
    for (const codec of [
      cluster.ResumeRequest,
      cluster.SuspendRequest,
      cluster.ClusterStatusRequest,
    ] as Codec[]) {
      expect(codec.decode(bytes(fString(1, 'u'), fString(2, 'p')))).toEqual({
        user: 'u',
        password: 'p',
      })
    }
    for (const codec of [
      cluster.ResumeResponse,
      cluster.SuspendResponse,
      cluster.ClusterStatusResponse,
    ] as Codec[]) {
      expect(codec.decode(bytes(fString(1, 'active')))).toEqual({ status: 'active' })
    }
  })

  it('service definitions use unqualified paths', () => {
    expect(engine.QueryEngineServiceService.authenticate.path).toBe(
      '/QueryEngineService/authenticate',
    )
    expect(engine.QueryEngineServiceService.prepareStatementV2.path).toBe(
      '/QueryEngineService/prepareStatementV2',
    )
    expect(engine.QueryEngineServiceService.getCataloges.path).toBe(
      '/QueryEngineService/getCataloges',
    )
    expect(cluster.ClusterServiceService.status.path).toBe('/ClusterService/status')
    expect(Object.keys(engine.QueryEngineServiceService)).toHaveLength(41)
    expect(Object.keys(cluster.ClusterServiceService)).toEqual(['resume', 'suspend', 'status'])
  })
})

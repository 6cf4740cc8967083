/**
 * The one engine + client fixture of the integration tests: a local engine on a free loopback
 * port, grpc-js clients for engine-level tests (which never go through our driver), a logged-in
 * session id, and driver clients with fast test settings — everything closed at the end.
 */
import type { ChannelCredentials } from '@grpc/grpc-js'
import { afterAll, beforeAll } from 'vitest'
import {
  createClient,
  type E6dataClient,
  type E6dataClientOptions,
  StrategyCache,
} from '../../src/driver/index.js'
import type { ClusterServiceClient } from '../../src/generated/cluster.js'
import type { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import {
  type LocalEngine,
  type LocalEngineOptions,
  startLocalEngine,
} from '../../src/local/index.js'
import { clusterClient, engineClient, login } from '../local/helpers.js'

/** Options of an {@link EngineFixture}: the engine's options plus how to reach it. */
export interface EngineFixtureOptions extends LocalEngineOptions {
  /** Authenticate through `rpc` at start, so that `sessionId` is set. */
  readonly login?: boolean
  /** Channel credentials of `rpc` and `cluster` (TLS engines). */
  readonly rpcCredentials?: ChannelCredentials
  /** Options of `client` (on top of the fast test settings). */
  readonly client?: Partial<E6dataClientOptions>
}

/** A running engine and the clients a test talks to it with (created on first use). */
export interface EngineFixture {
  readonly engine: LocalEngine
  /** grpc-js QueryEngineService client. */
  readonly rpc: QueryEngineServiceClient
  /** grpc-js ClusterService client. */
  readonly cluster: ClusterServiceClient
  /** The engine session id logged in at start (`login: true`). */
  readonly sessionId: string
  /** A driver client with fast test settings. */
  readonly client: E6dataClient
  /** Another driver client (fast test settings + `options`), closed with the fixture. */
  newClient(options?: Partial<E6dataClientOptions>): E6dataClient
}

/** An {@link EngineFixture} its opener closes. */
export interface OpenEngineFixture extends EngineFixture {
  close(): Promise<void>
}

/** Short backoffs and polls and a private strategy cache, so tests neither wait nor interfere. */
export function testClientOptions(engine: LocalEngine): E6dataClientOptions {
  return {
    ...engine.connection,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    resumePollMs: 20,
    strategyCache: new StrategyCache(),
  }
}

class Fixture implements OpenEngineFixture {
  readonly engine: LocalEngine
  readonly #options: EngineFixtureOptions
  readonly #clients: E6dataClient[] = []
  #rpc: QueryEngineServiceClient | undefined
  #cluster: ClusterServiceClient | undefined
  #client: E6dataClient | undefined
  #sessionId: string | undefined

  constructor(engine: LocalEngine, options: EngineFixtureOptions) {
    this.engine = engine
    this.#options = options
  }

  get rpc(): QueryEngineServiceClient {
    this.#rpc ??= engineClient(this.engine.address, this.#options.rpcCredentials)
    return this.#rpc
  }

  get cluster(): ClusterServiceClient {
    this.#cluster ??= clusterClient(this.engine.address, this.#options.rpcCredentials)
    return this.#cluster
  }

  get sessionId(): string {
    if (this.#sessionId === undefined) throw new Error('open the fixture with login: true')
    return this.#sessionId
  }

  get client(): E6dataClient {
    this.#client ??= this.newClient(this.#options.client)
    return this.#client
  }

  newClient(options: Partial<E6dataClientOptions> = {}): E6dataClient {
    const c = createClient({ ...testClientOptions(this.engine), ...options })
    this.#clients.push(c)
    return c
  }

  async login(): Promise<void> {
    this.#sessionId = await login(this.rpc, this.engine)
  }

  async close(): Promise<void> {
    this.#rpc?.close()
    this.#cluster?.close()
    await Promise.allSettled(this.#clients.map((c) => c.close()))
    await this.engine.close()
  }
}

function engineOptions(options: EngineFixtureOptions): LocalEngineOptions {
  const { login: _login, rpcCredentials: _creds, client: _client, ...engine } = options
  return engine
}

/** Starts an engine (and logs in when asked); the caller closes it. */
export async function openEngine(options: EngineFixtureOptions = {}): Promise<OpenEngineFixture> {
  const f = new Fixture(await startLocalEngine(engineOptions(options)), options)
  try {
    if (options.login) await f.login()
  } catch (err) {
    await f.close()
    throw err
  }
  return f
}

/** An engine for the whole test file: started in `beforeAll`, closed in `afterAll`. */
export function useEngine(options: EngineFixtureOptions = {}): EngineFixture {
  let current: OpenEngineFixture | undefined
  beforeAll(async () => {
    current = await openEngine(options)
  })
  afterAll(async () => {
    await current?.close()
  })
  const get = (): EngineFixture => {
    if (current === undefined) throw new Error('the engine fixture is used before beforeAll')
    return current
  }
  return {
    get engine() {
      return get().engine
    },
    get rpc() {
      return get().rpc
    },
    get cluster() {
      return get().cluster
    },
    get sessionId() {
      return get().sessionId
    },
    get client() {
      return get().client
    },
    newClient: (o) => get().newClient(o),
  }
}

/** Runs `fn` against an engine of its own (for a test that needs special engine options). */
export async function withEngine<T>(
  options: EngineFixtureOptions,
  fn: (fixture: EngineFixture) => Promise<T>,
): Promise<T> {
  const f = await openEngine(options)
  try {
    return await fn(f)
  } finally {
    await f.close()
  }
}

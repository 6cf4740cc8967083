import { readFileSync } from 'node:fs'
import type { E6dataClientOptions, StringEscapeOption } from '../driver/index.js'
import type { CliIo } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'
import { type ConnectionProfile, profilePath, readProfile } from './read-profile.js'
import { readSecret } from './read-secret.js'

/** `parseArgs` options of the connection flags, shared by every command. */
export const CONNECTION_FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  secure: { type: 'boolean' },
  ca: { type: 'string' },
  cluster: { type: 'string' },
  catalog: { type: 'string' },
  database: { type: 'string' },
  'string-escape': { type: 'string' },
  profile: { type: 'string' },
  local: { type: 'boolean' },
} as const

export const CONNECTION_USAGE = `Connection (flags win over E6DATA_* variables, which win over the profile)
      --host <host>         engine host                          E6DATA_HOST
      --port <port>         engine port (443 with TLS, else 80)  E6DATA_PORT
      --user <email>        account e-mail                       E6DATA_USER
      --password <token>    access token (visible in ps: prefer  E6DATA_PASSWORD
                            the variable, a profile or the prompt)
      --secure              use TLS                              E6DATA_SECURE=true
      --ca <file>           PEM root certificates (implies TLS)  E6DATA_CA
      --cluster <name>      cluster name                         E6DATA_CLUSTER
      --catalog <catalog>   default catalog                      E6DATA_CATALOG
      --database <schema>   default schema                       E6DATA_DATABASE
      --string-escape <r>   auto|backslash|standard (def. auto)  E6DATA_STRING_ESCAPE
      --profile <name>      profile of the profile file          E6DATA_PROFILE
                            (E6DATA_PROFILE_FILE, default ~/.config/kysely-e6data/profiles.json)
      --local               start an embedded local engine (needs @duckdb/node-api)
`

type Flag = keyof typeof CONNECTION_FLAGS

export type ConnectionFlags = {
  readonly [K in Flag]?: (typeof CONNECTION_FLAGS)[K]['type'] extends 'boolean' ? boolean : string
}

export interface ResolvedConnection {
  readonly options: E6dataClientOptions & {
    readonly host: string
    readonly username: string
    readonly password: string
  }
  /** `host:port`, plus ` (TLS)` when secure; never the password. */
  readonly endpoint: string
  readonly local: boolean
  close(): Promise<void>
}

const ENV: Readonly<Record<Exclude<Flag, 'local' | 'profile'>, string>> = {
  host: 'E6DATA_HOST',
  port: 'E6DATA_PORT',
  user: 'E6DATA_USER',
  password: 'E6DATA_PASSWORD',
  secure: 'E6DATA_SECURE',
  ca: 'E6DATA_CA',
  cluster: 'E6DATA_CLUSTER',
  catalog: 'E6DATA_CATALOG',
  database: 'E6DATA_DATABASE',
  'string-escape': 'E6DATA_STRING_ESCAPE',
}

const PROFILE_KEY: Readonly<Record<Exclude<Flag, 'local' | 'profile'>, keyof ConnectionProfile>> = {
  host: 'host',
  port: 'port',
  user: 'user',
  password: 'password',
  secure: 'secure',
  ca: 'ca',
  cluster: 'cluster',
  catalog: 'catalog',
  database: 'database',
  'string-escape': 'stringEscape',
}

export interface ResolveConnectionOptions {
  /** Default `startLocalEngine({ port: 0 })`. */
  readonly startLocal?: () => Promise<LocalEngineHandle>
}

/** What `--local` needs from a started engine. */
export interface LocalEngineHandle {
  readonly connection: {
    readonly host: string
    readonly port: number
    readonly username: string
    readonly password: string
    readonly catalog: string
    readonly database: string
  }
  close(): Promise<void>
}

/**
 * The one place every command learns where the engine is: `--local`, else flags › `E6DATA_*` ›
 * profile file. A missing password is prompted for without echo; it is never printed.
 */
export async function resolveConnection(
  flags: ConnectionFlags,
  io: CliIo,
  options: ResolveConnectionOptions = {},
): Promise<ResolvedConnection> {
  const warn = (message: string) => void io.stderr.write(`kysely-e6data: warning: ${message}\n`)
  const env = io.env
  if (flags.local) return startLocal(flags, options)

  const profileName = flags.profile ?? nonEmpty(env.E6DATA_PROFILE)
  const profile = readProfile(
    profilePath(env),
    profileName ?? 'default',
    profileName !== undefined,
    warn,
  )
  const pick = (flag: Exclude<Flag, 'local' | 'profile'>): string | undefined => {
    const fromFlag = flags[flag]
    if (typeof fromFlag === 'string') return fromFlag
    if (fromFlag === true) return 'true'
    const fromEnv = nonEmpty(env[ENV[flag]])
    if (fromEnv !== undefined) return fromEnv
    const fromProfile = profile?.[PROFILE_KEY[flag]]
    return fromProfile === undefined ? undefined : String(fromProfile)
  }

  if (flags.password !== undefined) {
    warn(
      '--password on the command line is visible to other users (ps, shell history); ' +
        'prefer E6DATA_PASSWORD, a profile file or the prompt',
    )
  }
  const host = pick('host')
  const username = pick('user')
  let password = pick('password')
  const missing = [
    host === undefined ? '--host (E6DATA_HOST)' : undefined,
    username === undefined ? '--user (E6DATA_USER)' : undefined,
  ].filter((m) => m !== undefined)
  if (missing.length > 0) {
    throw new CliUsageError(
      `missing connection settings: ${missing.join(', ')}; or use --local for an embedded engine`,
    )
  }
  const portText = pick('port')
  const port = portText === undefined ? undefined : parsePort(portText)
  const caFile = pick('ca')
  const secureText = pick('secure')
  const secureFlag =
    secureText === undefined ? undefined : parseBoolean('E6DATA_SECURE', secureText)
  let secure: E6dataClientOptions['secure']
  if (caFile !== undefined) {
    if (secureFlag === false) throw new CliUsageError('--ca needs TLS, but E6DATA_SECURE is false')
    secure = { ca: readCa(caFile) }
  } else secure = secureFlag
  const stringEscape = parseStringEscape(pick('string-escape'))
  const catalog = pick('catalog')
  const database = pick('database')
  const clusterName = pick('cluster')

  const shownPort = port ?? (secure ? 443 : 80)
  const endpoint = `${host}:${shownPort}${secure ? ' (TLS)' : ''}`
  if (password === undefined) {
    if (io.stdin.isTTY !== true || typeof io.stdin.setRawMode !== 'function') {
      throw new CliUsageError(
        'missing connection settings: --password (E6DATA_PASSWORD) — or run on a terminal to be prompted',
      )
    }
    password = await readSecret(`Password for ${username} at ${endpoint}: `, io.stdin, io.stderr)
    if (password === undefined) throw new CliUsageError('no password given')
  }
  return Object.freeze({
    options: Object.freeze({
      host: host as string,
      username: username as string,
      password,
      ...(port === undefined ? {} : { port }),
      ...(secure === undefined ? {} : { secure }),
      ...(catalog === undefined ? {} : { catalog }),
      ...(database === undefined ? {} : { database }),
      ...(clusterName === undefined ? {} : { clusterName }),
      ...(stringEscape === undefined ? {} : { stringEscape }),
    }),
    endpoint,
    local: false,
    close: () => Promise.resolve(),
  })
}

async function startLocal(
  flags: ConnectionFlags,
  options: ResolveConnectionOptions,
): Promise<ResolvedConnection> {
  const conflicting = (
    ['host', 'port', 'user', 'password', 'secure', 'ca', 'cluster', 'profile'] as const
  ).filter((f) => flags[f] !== undefined)
  if (conflicting.length > 0) {
    throw new CliUsageError(
      `--local starts its own engine: drop ${conflicting.map((f) => `--${f}`).join(', ')}`,
    )
  }
  const stringEscape = parseStringEscape(flags['string-escape'])
  const start =
    options.startLocal ??
    (async () => {
      const { startLocalEngine } = await import('../local/index.js')
      // the engine needs a concrete rule; 'auto' only concerns the client
      const rule = stringEscape === 'auto' ? undefined : stringEscape
      return startLocalEngine({ port: 0, ...(rule ? { stringEscape: rule } : {}) })
    })
  const engine = await start()
  const c = engine.connection
  return Object.freeze({
    options: Object.freeze({
      host: c.host,
      port: c.port,
      username: c.username,
      password: c.password,
      catalog: flags.catalog ?? c.catalog,
      database: flags.database ?? c.database,
      ...(stringEscape === undefined ? {} : { stringEscape }),
    }),
    endpoint: `${c.host}:${c.port} (embedded local engine)`,
    local: true,
    close: () => engine.close(),
  })
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

function parsePort(text: string): number {
  const port = Number(text)
  if (!(/^\d+$/.test(text) && port > 0 && port < 65_536)) {
    throw new CliUsageError(`--port must be an integer between 1 and 65535, got ${text}`)
  }
  return port
}

function parseBoolean(name: string, text: string): boolean {
  const t = text.toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(t)) return true
  if (['0', 'false', 'no', 'off'].includes(t)) return false
  throw new CliUsageError(`${name} must be true or false, got ${text}`)
}

function parseStringEscape(text: string | undefined): StringEscapeOption | undefined {
  if (text === undefined || text === 'auto' || text === 'backslash' || text === 'standard') {
    return text
  }
  throw new CliUsageError(`--string-escape must be auto, backslash or standard, got ${text}`)
}

function readCa(path: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new CliUsageError(`cannot read --ca ${path}: ${(error as Error).message}`)
  }
}

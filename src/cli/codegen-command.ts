import { relative } from 'node:path'
import { parseArgs } from 'node:util'
import { type DecimalAs, generateTypes, type Int64As, type TimestampAs } from '../codegen/index.js'
import { createClient } from '../driver/index.js'
import { InvalidArgumentError } from '../errors.js'
import type { E6dataClosableSchemaSource } from '../introspection/index.js'

/**
 * Connection options the CLI gathers from flags and `E6DATA_*` environment variables; a subset
 * of the client's options.
 *
 * @example
 * ```ts
 * const connection: CodegenConnectionOptions = { host: 'localhost', port: 9000, username: 'u', password: 'p' }
 * ```
 */
export interface CodegenConnectionOptions {
  readonly host: string
  readonly port?: number
  readonly username: string
  readonly password: string
  readonly catalog?: string
  readonly database?: string
  readonly secure?: boolean
  readonly clusterName?: string
}

/**
 * Injection points of {@link runCodegenCli} (all optional; defaults are the real process).
 *
 * @example
 * ```ts
 * await runCodegenCli(['--print'], { env: {}, stdout: (s) => chunks.push(s), createSource })
 * ```
 */
export interface CodegenCliContext {
  /** Environment to read `E6DATA_*` from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Receives the generated code with `--print`, and `--help`. Default: `process.stdout`. */
  readonly stdout?: (text: string) => void
  /** Receives progress messages. Default: `process.stderr`. */
  readonly stderr?: (text: string) => void
  /** Creates the client. Default: `createClient` from `kysely-e6data/driver`. */
  readonly createSource?: (
    connection: CodegenConnectionOptions,
  ) => E6dataClosableSchemaSource | Promise<E6dataClosableSchemaSource>
}

/**
 * Usage text of `kysely-e6data codegen` (printed by `--help` and after usage errors).
 *
 * @example
 * ```ts
 * console.log(CODEGEN_USAGE)
 * ```
 */
export const CODEGEN_USAGE = `Usage: kysely-e6data codegen (--out <file> | --print) [options]

Generates Kysely DB types for an e6data catalog from the engine's schema RPCs.

Output
  -o, --out <file>          write the generated code to <file>
      --print               print the generated code to stdout

Connection (flags win over environment variables)
      --host <host>         engine host                        E6DATA_HOST
      --port <port>         engine port                        E6DATA_PORT
      --user <email>        account e-mail                     E6DATA_USER
      --password <token>    access token (prefer the env var)  E6DATA_PASSWORD
      --secure              use TLS                            E6DATA_SECURE=true
      --cluster <name>      cluster name                       E6DATA_CLUSTER
      --catalog <catalog>   catalog to read                    E6DATA_CATALOG
      --database <schema>   connection default schema          E6DATA_DATABASE

Selection
      --schema <schema>     schema to read (repeatable; default: --database, else all)
      --default-schema <s>  schema whose tables get unqualified keys (default: --database)
      --include <glob>      keep matching tables (repeatable; "orders*" or "sales.*")
      --exclude <glob>      drop matching tables (repeatable)

Types (match the client's value-mapping options)
      --int64-as <t>        bigint | number | string     (default bigint)
      --timestamp-as <t>    date | iso | micros          (default date)
      --decimal-as <t>      string | unknown             (default string)
      --camel-case          camelCase keys (use with Kysely's CamelCasePlugin)
  -h, --help                show this help
`

const TIMESTAMP_AS: readonly TimestampAs[] = ['date', 'iso', 'micros']

const ARG_OPTIONS = {
  out: { type: 'string', short: 'o' },
  print: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  secure: { type: 'boolean' },
  cluster: { type: 'string' },
  catalog: { type: 'string' },
  database: { type: 'string' },
  schema: { type: 'string', multiple: true },
  'default-schema': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'int64-as': { type: 'string' },
  'timestamp-as': { type: 'string' },
  'decimal-as': { type: 'string' },
  'camel-case': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/**
 * Runs `kysely-e6data codegen` with `argv` (the arguments after `codegen`; a leading `codegen`
 * is ignored). Throws an `InvalidArgumentError` on bad usage and lets connection and engine
 * errors through; the caller sets the exit code.
 *
 * @example
 * ```ts
 * // kysely-e6data codegen --out src/db.ts --catalog hive --schema sales
 * await runCodegenCli(process.argv.slice(3))
 * ```
 */
export async function runCodegenCli(
  argv: readonly string[],
  context: CodegenCliContext = {},
): Promise<void> {
  const env = context.env ?? process.env
  const stdout = context.stdout ?? ((text: string) => void process.stdout.write(text))
  const stderr = context.stderr ?? ((text: string) => void process.stderr.write(text))
  const args = argv[0] === 'codegen' ? argv.slice(1) : [...argv]

  let values: ReturnType<typeof parse>
  try {
    values = parse(args)
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}\n\n${CODEGEN_USAGE}`)
  }
  if (values.help) {
    stdout(CODEGEN_USAGE)
    return
  }
  if (values.out === undefined && !values.print) {
    throw new InvalidArgumentError(`one of --out <file> or --print is required\n\n${CODEGEN_USAGE}`)
  }

  const connection = connectionFrom(values, env)
  const createSource = context.createSource ?? defaultCreateSource
  const code = await generateTypes({
    connection,
    createSource,
    schemas: values.schema,
    defaultSchema: values['default-schema'],
    include: values.include,
    exclude: values.exclude,
    int64As: oneOf<Int64As>('--int64-as', values['int64-as'], ['bigint', 'number', 'string']),
    timestampAs: oneOf<TimestampAs>('--timestamp-as', values['timestamp-as'], TIMESTAMP_AS),
    decimalAs: oneOf<DecimalAs>('--decimal-as', values['decimal-as'], ['string', 'unknown']),
    camelCase: values['camel-case'] ?? false,
    outFile: values.out,
  })
  if (values.print) stdout(code)
  if (values.out !== undefined) {
    const tables = Math.max(0, (code.match(/^export interface /gm)?.length ?? 1) - 1)
    const shown = relative(process.cwd(), values.out) || values.out
    stderr(`kysely-e6data codegen: wrote ${tables} table${tables === 1 ? '' : 's'} to ${shown}\n`)
  }
}

function parse(args: string[]) {
  return parseArgs({ args, options: ARG_OPTIONS, strict: true, allowPositionals: false }).values
}

function connectionFrom(
  values: ReturnType<typeof parse>,
  env: Readonly<Record<string, string | undefined>>,
): CodegenConnectionOptions {
  const pick = (flag: string | undefined, name: string): string | undefined =>
    flag ?? (env[name] === '' ? undefined : env[name])
  const host = pick(values.host, 'E6DATA_HOST')
  const username = pick(values.user, 'E6DATA_USER')
  const password = pick(values.password, 'E6DATA_PASSWORD')
  const missing = [
    host === undefined ? '--host (E6DATA_HOST)' : undefined,
    username === undefined ? '--user (E6DATA_USER)' : undefined,
    password === undefined ? '--password (E6DATA_PASSWORD)' : undefined,
  ].filter((m) => m !== undefined)
  if (host === undefined || username === undefined || password === undefined) {
    throw new InvalidArgumentError(`missing connection settings: ${missing.join(', ')}`)
  }
  const portText = pick(values.port, 'E6DATA_PORT')
  const port = portText === undefined ? undefined : Number(portText)
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
    throw new InvalidArgumentError(`--port must be an integer between 1 and 65535, got ${portText}`)
  }
  const secureEnv = env.E6DATA_SECURE?.toLowerCase()
  const secure =
    values.secure ??
    (secureEnv === undefined ? undefined : ['1', 'true', 'yes'].includes(secureEnv))
  const catalog = pick(values.catalog, 'E6DATA_CATALOG')
  const database = pick(values.database, 'E6DATA_DATABASE')
  const clusterName = pick(values.cluster, 'E6DATA_CLUSTER')
  return Object.freeze({
    host,
    username,
    password,
    ...(port === undefined ? {} : { port }),
    ...(secure === undefined ? {} : { secure }),
    ...(catalog === undefined ? {} : { catalog }),
    ...(database === undefined ? {} : { database }),
    ...(clusterName === undefined ? {} : { clusterName }),
  })
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InvalidArgumentError(`${flag} must be one of ${allowed.join(', ')}, got ${value}`)
}

function defaultCreateSource(connection: CodegenConnectionOptions): E6dataClosableSchemaSource {
  return createClient(connection)
}

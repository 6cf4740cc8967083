import { relative } from 'node:path'
import { parseArgs } from 'node:util'
import type { DecimalAs, Int64As, TimestampAs } from '../codegen/index.js'
import { createClient, type StringEscapeOption } from '../driver/index.js'
import type { E6dataClosableSchemaSource } from '../introspection/index.js'
import { type CliIo, processIo } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'
import { CONNECTION_FLAGS, CONNECTION_USAGE, resolveConnection } from './connection-settings.js'

/** The subset of the client's options that codegen passes on. */
export interface CodegenConnectionOptions {
  readonly host: string
  readonly port?: number
  readonly username: string
  readonly password: string
  readonly catalog?: string
  readonly database?: string
  readonly secure?: boolean | { readonly ca?: string | Uint8Array }
  readonly clusterName?: string
  readonly stringEscape?: StringEscapeOption
}

/** Injection points of {@link runCodegenCli}; defaults are the real process. */
export interface CodegenCliContext {
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Receives `--print` and `--help` output. */
  readonly stdout?: (text: string) => void
  readonly stderr?: (text: string) => void
  readonly createSource?: (
    connection: CodegenConnectionOptions,
  ) => E6dataClosableSchemaSource | Promise<E6dataClosableSchemaSource>
  readonly io?: CliIo
}

export const CODEGEN_USAGE = `Usage: kysely-e6data codegen (--out <file> | --print) [options]

Generates Kysely DB types for an e6data catalog from the engine's schema RPCs.

Output
  -o, --out <file>          write the generated code to <file>
      --print               print the generated code to stdout

${CONNECTION_USAGE}
Selection
      --schema <schema>     schema to read (repeatable; default: --database, else all)
      --default-schema <s>  schema whose tables get unqualified keys (default: --database)
      --qualify-catalog     key every table "schema.table", for withCatalog(db, catalog):
                            queries then name "catalog"."schema"."table"
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
  ...CONNECTION_FLAGS,
  out: { type: 'string', short: 'o' },
  print: { type: 'boolean' },
  schema: { type: 'string', multiple: true },
  'default-schema': { type: 'string' },
  'qualify-catalog': { type: 'boolean' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'int64-as': { type: 'string' },
  'timestamp-as': { type: 'string' },
  'decimal-as': { type: 'string' },
  'camel-case': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function runCodegenCli(
  argv: readonly string[],
  context: CodegenCliContext = {},
): Promise<void> {
  const base = context.io ?? processIo()
  const stdout = context.stdout ?? ((text: string) => void base.stdout.write(text))
  const stderr = context.stderr ?? ((text: string) => void base.stderr.write(text))
  const io: CliIo = {
    ...base,
    env: context.env ?? base.env,
    stderr: { write: stderr, isTTY: base.stderr.isTTY },
  }
  const args = argv[0] === 'codegen' ? argv.slice(1) : [...argv]

  let values: ReturnType<typeof parse>
  try {
    values = parse(args)
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${CODEGEN_USAGE}`)
  }
  if (values.help) {
    stdout(CODEGEN_USAGE)
    return
  }
  if (values.out === undefined && !values.print) {
    throw new CliUsageError(`one of --out <file> or --print is required\n\n${CODEGEN_USAGE}`)
  }
  const int64As = oneOf<Int64As>('--int64-as', values['int64-as'], ['bigint', 'number', 'string'])
  const timestampAs = oneOf<TimestampAs>('--timestamp-as', values['timestamp-as'], TIMESTAMP_AS)
  const decimalAs = oneOf<DecimalAs>('--decimal-as', values['decimal-as'], ['string', 'unknown'])
  const { generateTypes } = await loadCodegen()

  const resolved = await resolveConnection(values, io)
  try {
    const connection: CodegenConnectionOptions = resolved.options
    const createSource = context.createSource ?? defaultCreateSource
    const code = await generateTypes({
      connection,
      createSource,
      schemas: values.schema,
      defaultSchema: values['default-schema'],
      qualifyCatalog: values['qualify-catalog'],
      include: values.include,
      exclude: values.exclude,
      int64As,
      timestampAs,
      decimalAs,
      camelCase: values['camel-case'] ?? false,
      outFile: values.out,
    })
    if (values.print) stdout(code)
    if (values.out !== undefined) {
      const tables = Math.max(0, (code.match(/^export interface /gm)?.length ?? 1) - 1)
      const shown = relative(process.cwd(), values.out) || values.out
      stderr(`kysely-e6data codegen: wrote ${tables} table${tables === 1 ? '' : 's'} to ${shown}\n`)
    }
  } finally {
    await resolved.close()
  }
}

/** Loaded on demand: the codegen floor needs the optional peer kysely-codegen. */
async function loadCodegen(): Promise<typeof import('../codegen/index.js')> {
  try {
    return await import('../codegen/index.js')
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    const message = String((error as Error).message)
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      (message.includes('kysely-codegen') || message.includes("'typescript'"))
    ) {
      // kysely-codegen loads typescript at run time without declaring it
      throw new Error(
        'kysely-e6data codegen needs the optional peer dependencies kysely-codegen and typescript: npm install --save-dev kysely-codegen typescript',
        { cause: error },
      )
    }
    throw error
  }
}

function parse(args: string[]) {
  return parseArgs({ args, options: ARG_OPTIONS, strict: true, allowPositionals: false }).values
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new CliUsageError(`${flag} must be one of ${allowed.join(', ')}, got ${value}`)
}

function defaultCreateSource(connection: CodegenConnectionOptions): E6dataClosableSchemaSource {
  return createClient(connection)
}

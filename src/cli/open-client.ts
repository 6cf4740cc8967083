import { createClient, type E6dataClient, type E6dataClientOptions } from '../driver/index.js'
import type { CliIo } from './cli-io.js'
import {
  type ConnectionFlags,
  type ResolvedConnection,
  resolveConnection,
} from './connection-settings.js'

/**
 * A client for a command, with the resolved connection it came from.
 *
 * @example
 * ```ts
 * const { client, connection, close } = await openClient(flags, io)
 * ```
 */
export interface OpenedClient {
  readonly client: E6dataClient
  readonly connection: ResolvedConnection
  /** Closes the client, then the embedded engine of `--local`. */
  close(): Promise<void>
}

/**
 * Resolves the connection (see `resolveConnection`) and creates a client with the CLI's value
 * mapping: `bigint` int64, exact decimal strings, exact ISO timestamps.
 *
 * @example
 * ```ts
 * const opened = await openClient(values, io)
 * try { await opened.client.ping() } finally { await opened.close() }
 * ```
 */
export async function openClient(
  flags: ConnectionFlags,
  io: CliIo,
  extra: Partial<E6dataClientOptions> = {},
): Promise<OpenedClient> {
  const connection = await resolveConnection(flags, io)
  let client: E6dataClient
  try {
    client = createClient({
      ...connection.options,
      int64As: 'bigint',
      timestampAs: 'iso',
      poolSize: 2,
      ...extra,
    })
  } catch (error) {
    await connection.close()
    throw error
  }
  return {
    client,
    connection,
    close: async () => {
      try {
        await client.close({ timeoutMs: 5_000 })
      } finally {
        await connection.close()
      }
    },
  }
}

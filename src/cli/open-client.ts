import { createClient, type E6dataClient, type E6dataClientOptions } from '../driver/index.js'
import type { CliIo } from './cli-io.js'
import {
  type ConnectionFlags,
  type ResolvedConnection,
  resolveConnection,
} from './connection-settings.js'

export interface OpenedClient {
  readonly client: E6dataClient
  readonly connection: ResolvedConnection
  /** Closes the client, then the embedded engine of `--local`. */
  close(): Promise<void>
}

/** The CLI's value mapping is exact: `bigint` int64, decimal strings, ISO timestamp strings. */
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

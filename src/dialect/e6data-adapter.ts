import { DialectAdapterBase, type Kysely, type MigrationLockOptions } from 'kysely'
import { MigrationsNotSupportedError } from '../errors.js'

/**
 * Kysely adapter for e6data, a read-only engine: no `if not exists`, no RETURNING, and the
 * migration lock throws {@link MigrationsNotSupportedError} (migrations need writable tables).
 */
export class E6dataAdapter extends DialectAdapterBase {
  override get supportsCreateIfNotExists(): boolean {
    return false
  }

  override async acquireMigrationLock(
    _db: Kysely<any>,
    _options: MigrationLockOptions,
  ): Promise<void> {
    throw new MigrationsNotSupportedError()
  }

  override async releaseMigrationLock(
    _db: Kysely<any>,
    _options: MigrationLockOptions,
  ): Promise<void> {
    throw new MigrationsNotSupportedError()
  }
}

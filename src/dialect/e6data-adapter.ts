/**
 * The Kysely dialect adapter for e6data: a read-only engine with no RETURNING, no OUTPUT, no
 * transactional DDL, no `if not exists`, and no migrations.
 *
 * @module
 */

import { DialectAdapterBase, type Kysely, type MigrationLockOptions } from 'kysely'
import { MigrationsNotSupportedError } from '../errors.js'

/**
 * Capability flags of e6data for Kysely. Migrations need writable tables and a lock, so both
 * migration-lock methods throw {@link MigrationsNotSupportedError}.
 *
 * @example
 * ```ts
 * const adapter = new E6dataAdapter()
 * adapter.supportsReturning // false
 * await adapter.acquireMigrationLock(db, { lockTable: 'lock', lockRowId: 'id' }) // throws MigrationsNotSupportedError
 * ```
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

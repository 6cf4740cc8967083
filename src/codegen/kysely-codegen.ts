/**
 * `kysely-e6data/kysely-codegen`: the building blocks for kysely-codegen's own programmatic API
 * (`generate`, `serializeFromMetadata`) — adapter, dialect, introspector and serializer for
 * e6data. `kysely-e6data/codegen` (`generateTypes`) is built on them.
 *
 * Kept apart from `kysely-e6data/codegen` because these classes extend kysely-codegen's, so their
 * declarations load kysely-codegen's; those import packages kysely-codegen does not install
 * (`kysely-bun-sqlite`, `@libsql/kysely-libsql`) and fail a consumer's `tsc` under
 * `skipLibCheck: false`, as importing kysely-codegen itself does.
 *
 * @example
 * ```ts
 * import { generate } from 'kysely-codegen'
 * import { E6dataCodegenDialect } from 'kysely-e6data/kysely-codegen'
 * await generate({ db, dialect: new E6dataCodegenDialect({ defaultSchema: 'sales' }), outFile: 'src/db.ts' })
 * ```
 *
 * @module
 */
export { E6dataCodegenAdapter, type E6dataCodegenAdapterOptions } from './e6data-codegen-adapter.js'
export {
  E6dataCodegenDialect,
  type E6dataCodegenDialectOptions,
  E6dataCodegenIntrospector,
} from './e6data-codegen-dialect.js'
export {
  E6dataTypeScriptSerializer,
  type E6dataTypeScriptSerializerOptions,
} from './e6data-type-script-serializer.js'

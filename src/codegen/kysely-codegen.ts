/**
 * `kysely-e6data/kysely-codegen`: e6data's blocks for kysely-codegen's own `generate()`. Apart from
 * `/codegen` because their declarations load kysely-codegen's, which fail a consumer's `tsc` under
 * `skipLibCheck: false` (they import packages kysely-codegen does not install).
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

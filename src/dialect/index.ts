export { LiteralParameter } from '../sql/index.js'
export { E6dataAdapter } from './e6data-adapter.js'
export { E6dataDialect } from './e6data-dialect.js'
export type {
  E6dataDialectClientConfig,
  E6dataDialectConfig,
  E6dataDialectConnectionConfig,
  E6dataDialectOptions,
  ParameterMode,
} from './e6data-dialect-config.js'
export { E6dataDriver } from './e6data-driver.js'
export {
  E6dataQueryCompiler,
  type E6dataQueryCompilerOptions,
  MAX_LIMIT,
  type OffsetWithoutLimitMode,
} from './e6data-query-compiler.js'
export {
  type E6dataCatalogOptions,
  E6dataCatalogPlugin,
  withCatalog,
} from './with-catalog.js'

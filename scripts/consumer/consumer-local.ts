import { type LocalEngineOptions, startLocalEngine } from 'kysely-e6data/local'

export const engineOptions: LocalEngineOptions = { port: 0, bigTableRows: 10 }
export const start: typeof startLocalEngine = startLocalEngine

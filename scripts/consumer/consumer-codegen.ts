import { type GenerateTypesOptions, generateTypes } from 'kysely-e6data/codegen'

export const options: GenerateTypesOptions = {
  connection: { host: 'h', username: 'u', password: 'p' },
  outFile: 'db.ts',
}
export const run: typeof generateTypes = generateTypes

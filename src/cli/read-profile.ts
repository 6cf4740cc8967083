import { readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { CliUsageError } from './cli-usage-error.js'

/** One entry of the profile file (a JSON object of profiles), named like the flags. */
export interface ConnectionProfile {
  readonly host?: string
  readonly port?: number
  readonly user?: string
  readonly password?: string
  readonly secure?: boolean
  readonly ca?: string
  readonly cluster?: string
  readonly catalog?: string
  readonly database?: string
  readonly stringEscape?: string
}

const KEYS: Readonly<Record<keyof ConnectionProfile, 'string' | 'number' | 'boolean'>> = {
  host: 'string',
  port: 'number',
  user: 'string',
  password: 'string',
  secure: 'boolean',
  ca: 'string',
  cluster: 'string',
  catalog: 'string',
  database: 'string',
  stringEscape: 'string',
}

export function profilePath(env: Readonly<Record<string, string | undefined>>): string {
  if (env.E6DATA_PROFILE_FILE) return env.E6DATA_PROFILE_FILE
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config')
  return join(config, 'kysely-e6data', 'profiles.json')
}

/**
 * `required`: the user named the profile, so a missing file is an error. A password in a file
 * others can read is ignored with a warning, as `psql` does with `.pgpass`.
 */
export function readProfile(
  path: string,
  name: string,
  required: boolean,
  warn: (message: string) => void,
): ConnectionProfile | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined
    throw new CliUsageError(`cannot read the profile file ${path}: ${(error as Error).message}`)
  }
  let all: unknown
  try {
    all = JSON.parse(text)
  } catch (error) {
    throw new CliUsageError(`the profile file ${path} is not JSON: ${(error as Error).message}`)
  }
  if (all === null || typeof all !== 'object' || Array.isArray(all)) {
    throw new CliUsageError(`the profile file ${path} must hold an object of profiles`)
  }
  const profile = (all as Record<string, unknown>)[name]
  if (profile === undefined) {
    if (!required) return undefined
    const names = Object.keys(all).join(', ') || 'none'
    throw new CliUsageError(`no profile ${JSON.stringify(name)} in ${path} (profiles: ${names})`)
  }
  if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) {
    throw new CliUsageError(`profile ${JSON.stringify(name)} in ${path} must be an object`)
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(profile)) {
    const type = KEYS[key as keyof ConnectionProfile]
    if (type === undefined) {
      throw new CliUsageError(
        `unknown key ${JSON.stringify(key)} in profile ${JSON.stringify(name)} of ${path} (known: ${Object.keys(KEYS).join(', ')})`,
      )
    }
    if (typeof value !== type) {
      throw new CliUsageError(
        `${key} in profile ${JSON.stringify(name)} of ${path} must be a ${type}`,
      )
    }
    out[key] = value
  }
  if (out.password !== undefined && (statSync(path).mode & 0o077) !== 0) {
    warn(
      `the profile file ${path} can be read by other users: its password is ignored (chmod 600 ${path})`,
    )
    delete out.password
  }
  return Object.freeze(out) as ConnectionProfile
}

import { expect } from 'vitest'
import { DecodeError } from '../../src/errors.js'

/** Runs `fn`, asserts that it throws a `DecodeError`, and returns the error for its fields. */
export function expectDecodeError(fn: () => unknown): DecodeError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError)
    return err as DecodeError
  }
  throw new Error('expected a DecodeError')
}

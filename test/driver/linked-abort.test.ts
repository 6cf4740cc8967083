import { describe, expect, it, vi } from 'vitest'
import { LinkedAbort } from '../../src/driver/linked-abort.js'

describe('LinkedAbort', () => {
  it('follows its sources and its deadline, and detaches on dispose', async () => {
    const a = new AbortController()
    const b = new AbortController()
    const link = new LinkedAbort([a.signal, undefined, b.signal])
    b.abort('why')
    expect(link.signal.aborted).toBe(true)
    expect(link.signal.reason).toBe('why')

    const timed = new LinkedAbort([a.signal])
    timed.abortAfter(5, () => 'late')
    await new Promise((r) => setTimeout(r, 30))
    expect(timed.signal.reason).toBe('late')

    const gone = new LinkedAbort([a.signal])
    gone.dispose()
    a.abort()
    expect(gone.signal.aborted).toBe(false)
    expect(new LinkedAbort([a.signal]).signal.aborted).toBe(true) // an aborted source at once
  })

  it('never arms a timer that Node would fire at once (≥ 2^31 ms, Infinity)', async () => {
    const link = new LinkedAbort([])
    link.abortAfter(2 ** 31, () => 'overflow')
    link.abortAfter(Number.POSITIVE_INFINITY, () => 'infinite')
    await new Promise((r) => setTimeout(r, 20))
    expect(link.signal.aborted).toBe(false)
    link.dispose()
  })

  it('one listener per source however many links follow it (no MaxListeners warning, no growth)', () => {
    const warn = vi.spyOn(process, 'emitWarning')
    const source = new AbortController()
    const add = vi.spyOn(source.signal, 'addEventListener')
    const remove = vi.spyOn(source.signal, 'removeEventListener')
    const links = Array.from({ length: 50 }, () => new LinkedAbort([source.signal]))
    expect(add).toHaveBeenCalledTimes(1)
    for (const l of links.slice(0, 49)) l.dispose()
    expect(remove).not.toHaveBeenCalled()
    links[49]?.dispose()
    expect(remove).toHaveBeenCalledTimes(1)
    const again = Array.from({ length: 20 }, () => new LinkedAbort([source.signal]))
    source.abort('stop')
    expect(again.every((l) => l.signal.reason === 'stop')).toBe(true)
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })
})

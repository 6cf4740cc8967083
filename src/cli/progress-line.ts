import type { CliOutput } from './cli-io.js'

const FIRST_AFTER_MS = 500
const EVERY_MS = 200

/** Rows, rows/s and time of a long query, redrawn in place; no timer when `out` is no TTY. */
export class ProgressLine {
  readonly #out: CliOutput
  readonly #enabled: boolean
  #timer: NodeJS.Timeout | undefined
  #started = 0
  #rows = 0
  #shown = false

  constructor(out: CliOutput, enabled = out.isTTY === true) {
    this.#out = out
    this.#enabled = enabled
  }

  /** Starts the clock; the line appears once the query has run for half a second. */
  start(): void {
    this.#started = performance.now()
    this.#rows = 0
    if (!this.#enabled) return
    this.#timer = setTimeout(() => {
      this.#draw()
      this.#timer = setInterval(() => this.#draw(), EVERY_MS)
      this.#timer.unref()
    }, FIRST_AFTER_MS)
    this.#timer.unref()
  }

  add(rows: number): void {
    this.#rows += rows
  }

  /** Erases the line before other output goes to the same terminal. */
  clear(): void {
    if (this.#shown) {
      this.#out.write('\r\x1b[2K')
      this.#shown = false
    }
  }

  stop(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer)
      clearInterval(this.#timer)
      this.#timer = undefined
    }
    this.clear()
  }

  #draw(): void {
    const seconds = (performance.now() - this.#started) / 1000
    const rate = seconds > 0 ? Math.round(this.#rows / seconds) : 0
    const text =
      this.#rows === 0
        ? `running… ${seconds.toFixed(1)} s`
        : `${this.#rows.toLocaleString('en-US')} rows · ${rate.toLocaleString('en-US')} rows/s · ${seconds.toFixed(1)} s`
    this.#out.write(`\r\x1b[2K${text}`)
    this.#shown = true
  }
}

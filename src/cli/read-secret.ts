import type { CliInput, CliOutput } from './cli-io.js'

/** A line read without echo (raw mode); `undefined` on Ctrl-C, or Ctrl-D on an empty line. */
export function readSecret(
  prompt: string,
  input: CliInput,
  output: CliOutput,
): Promise<string | undefined> {
  output.write(prompt)
  return new Promise((resolve) => {
    let text = ''
    const wasRaw = (input as { isRaw?: boolean }).isRaw === true
    input.setRawMode?.(true)
    input.resume()
    const finish = (value: string | undefined) => {
      input.off('data', onData)
      input.setRawMode?.(wasRaw)
      input.pause()
      output.write('\n')
      resolve(value)
    }
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return finish(text)
        if (ch === '\u0003') return finish(undefined)
        if (ch === '\u0004') {
          if (text === '') return finish(undefined)
          continue
        }
        if (ch === '\u007f' || ch === '\b') {
          text = Array.from(text).slice(0, -1).join('')
          continue
        }
        if (ch >= ' ') text += ch
      }
    }
    input.on('data', onData)
  })
}

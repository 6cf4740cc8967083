/**
 * The soak's engine process: a local engine on a given port (0 = any), controlled over the Node
 * IPC channel by `scripts/soak/soak.ts` (which may SIGKILL it and start another on the same port).
 *
 * Messages in: `{ id, cmd: 'stats' | 'expire' | 'fault' | 'clearFaults' | 'close', args? }`;
 * out: `{ ready: port }` once listening, then `{ id, value }` or `{ id, error }` per command.
 */
import { type Fault, startLocalEngine } from '../../src/local/index.js'

interface Command {
  readonly id: number
  readonly cmd: 'stats' | 'expire' | 'fault' | 'clearFaults' | 'close'
  readonly args?: { rpc: string; fault: Fault; times?: number }
}

const port = Number(process.argv[2] ?? '0')
const batchSize = Number(process.argv[3] ?? '1000')
const engine = await startLocalEngine({ port, bigTableRows: 1_000, batchSize })
const send = (message: unknown) => process.send?.(message)
process.on('message', (message: Command) => {
  const reply = (value: unknown) => send({ id: message.id, value })
  try {
    switch (message.cmd) {
      case 'stats':
        return reply({
          openQueries: engine.control.openQueries(),
          runningQueries: engine.control.runningQueries(),
          sessions: engine.control.sessions(),
          calls: engine.control.calls(),
          open: engine.control.openQueryList(),
        })
      case 'expire':
        engine.control.expireSessions()
        return reply(true)
      case 'fault':
        if (message.args)
          engine.control.injectFault(message.args.rpc, message.args.fault, message.args.times)
        return reply(true)
      case 'clearFaults':
        engine.control.clearFaults()
        return reply(true)
      case 'close':
        void engine.close().then(() => {
          reply(true)
          process.disconnect?.()
        })
        return
    }
  } catch (error) {
    send({ id: message.id, error: error instanceof Error ? error.message : String(error) })
  }
})
process.on('disconnect', () => {
  void engine.close().then(() => process.exit(0))
})
send({ ready: engine.port })

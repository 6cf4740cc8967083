import type { ClusterLifecycle } from './cluster-lifecycle.js'
import type { RpcHandler } from './query-engine-handlers.js'
import { GrpcStatus, RpcError } from './rpc-error.js'

interface Credentials {
  readonly user: string
  readonly password: string
}

/** protocol.md §13.6: body credentials checked first (bad → UNAUTHENTICATED). */
export function createClusterServiceHandlers(
  cluster: ClusterLifecycle,
  checkCredentials: (user: string, password: string) => boolean,
): Readonly<Record<string, RpcHandler>> {
  const authorise = (request: Credentials) => {
    if (!checkCredentials(request.user, request.password)) {
      throw new RpcError(GrpcStatus.UNAUTHENTICATED, 'Invalid credentials')
    }
  }
  return Object.freeze({
    resume: async (request: Credentials) => {
      authorise(request)
      return { status: cluster.resume() }
    },
    suspend: async (request: Credentials) => {
      authorise(request)
      return { status: cluster.suspend() }
    },
    status: async (request: Credentials) => {
      authorise(request)
      return { status: cluster.state }
    },
  } satisfies Record<string, RpcHandler>)
}

import type { DeserializeMiddleware, Pluggable } from '@smithy/types'
import {
  isFetchFailure,
  probeFetchFailure,
  type FailedRequest,
  type ProbeOptions,
} from './cors-refusal.ts'

/**
 * Which call a failed fetch() belonged to and why it failed, for the error
 * message (aws-error-message.ts): the SDK's error carries neither the
 * operation nor the address, and the probe that tells CORS from the network
 * (cors-refusal.ts) is asynchronous while the message is not. This
 * middleware, innermost in each client's stack, sees both the request and
 * the failure, probes, and files the answer under the error object before
 * passing the error on unchanged.
 */
const failures = new WeakMap<object, FailedRequest>()

export function failedRequestOf(error: unknown): FailedRequest | undefined {
  return typeof error === 'object' && error !== null ? failures.get(error) : undefined
}

interface RequestLike {
  readonly protocol?: string
  readonly hostname?: string
  readonly port?: number
  readonly path?: string
}

function urlOf(request: unknown): string | undefined {
  const { protocol, hostname, port, path } = (request ?? {}) as RequestLike
  if (hostname === undefined) return undefined
  const scheme =
    protocol === undefined ? 'https:' : protocol.endsWith(':') ? protocol : `${protocol}:`
  return `${scheme}//${hostname}${port === undefined ? '' : `:${String(port)}`}${path ?? '/'}`
}

function diagnosing<Input extends object, Output extends object>(
  options: ProbeOptions,
): DeserializeMiddleware<Input, Output> {
  return (next, context) => async (args) => {
    try {
      return await next(args)
    } catch (error) {
      const url = isFetchFailure(error) ? urlOf(args.request) : undefined
      if (url !== undefined) {
        failures.set(error as object, {
          clientName: context.clientName,
          operation: (context.commandName ?? 'the request').replace(/Command$/, ''),
          url,
          cause: await probeFetchFailure(url, options),
        })
      }
      throw error
    }
  }
}

/** `client.middlewareStack.use(corsDiagnosis())` for every SDK client the app builds. */
export function corsDiagnosis<Input extends object, Output extends object>(
  options: ProbeOptions = {},
): Pluggable<Input, Output> {
  return {
    applyToStack: (stack) => {
      stack.add(diagnosing<Input, Output>(options), {
        step: 'deserialize',
        name: 'fleetdeckCorsDiagnosis',
        // Innermost: next to the fetch itself, once per attempt.
        priority: 'low',
        override: true,
      })
    },
  }
}

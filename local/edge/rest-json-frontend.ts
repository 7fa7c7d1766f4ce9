import { ACCOUNT_ID, REGION } from '../config.ts'
import { AwsError, internalFailure, invalidRequest, notImplemented } from './aws-error.ts'
import { signingServiceOf } from './authenticate.ts'
import { assertPermitted } from './authorize.ts'
import type { EdgeRequest } from './edge-request.ts'
import type { EdgeContext, Frontend } from './frontend.ts'
import { errorResponse, jsonResponse } from './responses.ts'
import { BlobPayload, type Service } from './service.ts'

function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return {}
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown
  } catch {
    throw new AwsError('SerializationException', 400, 'The request body is not valid JSON.')
  }
}

/**
 * restJson1 services (the IoT control plane and the jobs data plane), keyed
 * by signing name. They share paths such as GET /things/{thingName}/jobs and
 * differ only in how they are signed, so the signing scope picks the service.
 * This frontend is also the edge's fallback: an unsigned request nobody else
 * claims is answered here with MissingAuthenticationToken.
 */
export function createRestJsonFrontend(services: Readonly<Record<string, Service>>): Frontend {
  return {
    claims: (request) => {
      const service = signingServiceOf(request)
      return service === undefined || service in services
    },
    handle: async (request: EdgeRequest, edge: EdgeContext) => {
      try {
        // The signature covers the path after dot segments are resolved; routing must not see another one.
        if (request.rawPath.split('/').some((segment) => segment === '.' || segment === '..')) {
          throw invalidRequest('Paths may not contain "." or ".." segments.')
        }
        const caller = await edge.authenticate(request, 'json')
        const signingService = signingServiceOf(request) ?? ''
        const service = services[signingService]
        if (service === undefined) throw notImplemented(`the "${signingService}" service`)
        const match = service.router.match(request.method, request.rawPath)
        if (match === undefined)
          throw notImplemented(`${request.method} ${request.rawPath} on ${service.displayName}`)
        const operation = match.value
        assertPermitted(
          caller.principal,
          `${service.iamPrefix}:${operation.name}`,
          `arn:aws:iot:${REGION}:${ACCOUNT_ID}:*`,
        )
        const result = await operation.handle({
          params: match.params,
          query: request.url.searchParams,
          body: operation.blobBody === true ? request.body : parseJsonBody(request.body),
          principal: caller.principal,
          headers: request.headers,
        })
        if (result instanceof BlobPayload) {
          return new Response(result.bytes, {
            status: operation.successStatus ?? 200,
            headers: {
              'content-type': result.contentType,
              'x-amzn-requestid': crypto.randomUUID(),
              ...edge.cors,
            },
          })
        }
        return jsonResponse(operation.successStatus ?? 200, result ?? {}, edge.cors)
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error, edge.cors)
        edge.onError(error)
        return errorResponse(
          internalFailure('The local cloud failed to handle the request; see its log.'),
          edge.cors,
        )
      }
    },
  }
}

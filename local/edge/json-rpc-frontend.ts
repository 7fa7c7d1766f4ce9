import { AwsError } from './aws-error.ts'
import { signingServiceOf, type Caller } from './authenticate.ts'
import { assertPermitted } from './authorize.ts'
import type { EdgeRequest } from './edge-request.ts'
import type { EdgeContext, Frontend } from './frontend.ts'
import { errorResponse, jsonResponse } from './responses.ts'

/**
 * awsJson1.1 services (Cognito user and identity pools): every call is
 * POST / with the operation in `X-Amz-Target: <service>.<Operation>`.
 * Operations that Cognito leaves unsigned (InitiateAuth, GetId, …) declare
 * `auth: 'none'`; the rest need a SigV4 signature and the IAM permission.
 */
export interface RpcOperation {
  readonly auth: 'none' | 'sigv4'
  handle(input: Readonly<Record<string, unknown>>, call: RpcCall): unknown
}

export interface RpcCall {
  /** Who signed, for signed operations. */
  readonly caller?: Caller
  readonly realNow: () => number
  /** The endpoint the caller used (http://host:port), for token issuers. */
  readonly origin: string
}

export interface RpcService {
  /** The X-Amz-Target prefix, e.g. AWSCognitoIdentityProviderService. */
  readonly target: string
  /** The IAM service prefix, e.g. cognito-idp; it is also the SigV4 signing name. */
  readonly iamPrefix: string
  readonly displayName: string
  readonly operations: Readonly<Record<string, RpcOperation>>
  /** The resource ARN IAM checks for a signed call. */
  resourceOf(input: Readonly<Record<string, unknown>>): string
}

const CONTENT_TYPE = 'application/x-amz-json-1.1'

function targetOf(request: EdgeRequest): [service: string, operation: string] | undefined {
  const target = request.headers.get('x-amz-target')
  const dot = target?.lastIndexOf('.') ?? -1
  return target === null || target === undefined || dot < 0
    ? undefined
    : [target.slice(0, dot), target.slice(dot + 1)]
}

function parseInput(body: Uint8Array): Readonly<Record<string, unknown>> {
  try {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(new TextDecoder().decode(body))
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>
    }
  } catch {
    // Answered below.
  }
  throw new AwsError('SerializationException', 400, 'The request body must be a JSON object.')
}

export function createJsonRpcFrontend(services: readonly RpcService[]): Frontend {
  const byTarget = new Map(services.map((service) => [service.target, service]))
  return {
    claims: (request) => {
      const target = targetOf(request)
      return target !== undefined && byTarget.has(target[0])
    },
    handle: async (request: EdgeRequest, edge: EdgeContext) => {
      try {
        const [target = '', name = ''] = targetOf(request) ?? []
        const service = byTarget.get(target)
        if (service === undefined || request.method !== 'POST') {
          throw new AwsError(
            'UnknownOperationException',
            400,
            `Unknown operation ${target}.${name}.`,
          )
        }
        const operation = Object.hasOwn(service.operations, name)
          ? service.operations[name]
          : undefined
        if (operation === undefined) {
          throw new AwsError(
            'NotImplementedException',
            501,
            `The Fleetdeck local cloud does not implement ${name} of ${service.displayName}. See docs/local-cloud.md for what it covers.`,
          )
        }
        const input = parseInput(request.body)
        let caller: Caller | undefined
        if (operation.auth === 'sigv4') {
          caller = await edge.authenticate(request, 'json')
          // A signature made for another service (an S3 URL, say) signs nothing here.
          if (signingServiceOf(request) !== service.iamPrefix) {
            throw new AwsError(
              'InvalidSignatureException',
              403,
              `Credential should be scoped to correct service: '${service.iamPrefix}'.`,
            )
          }
          assertPermitted(
            caller.principal,
            `${service.iamPrefix}:${name}`,
            service.resourceOf(input),
          )
        }
        const output = await operation.handle(input, {
          ...(caller === undefined ? {} : { caller }),
          realNow: edge.realNow,
          origin: request.url.origin,
        })
        return jsonResponse(200, output ?? {}, edge.cors, CONTENT_TYPE)
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error, edge.cors, CONTENT_TYPE)
        edge.onError(error)
        return errorResponse(
          new AwsError(
            'InternalErrorException',
            500,
            'The local cloud failed to handle the request; see its log.',
          ),
          edge.cors,
          CONTENT_TYPE,
        )
      }
    },
  }
}

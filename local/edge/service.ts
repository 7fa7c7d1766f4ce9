import type { FleetdeckRole } from '../../domain/permissions.ts'
import type { AwsError } from './aws-error.ts'
import { Router } from './router.ts'

/**
 * Who signed a request. What a principal may do is decided on the server by
 * its role's permission statements (domain/permissions.ts); `admin` is the
 * tools' account and may do anything; a role ARN the local cloud does not
 * know leaves `role` undefined, and such a principal may do nothing.
 */
export interface Principal {
  readonly role: 'admin' | FleetdeckRole | undefined
  readonly accessKeyId: string
  /** As IAM names the caller in an AccessDenied message. */
  readonly arn: string
}

export interface OperationRequest {
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The parsed JSON body, or {} when there is none; the raw bytes for a `blobBody` operation. */
  readonly body: unknown
  readonly principal: Principal
  /** For members the model binds to headers (`x-amzn-principal`, …). */
  readonly headers?: Headers
}

/**
 * An output the model binds whole to the HTTP body as a blob (`@httpPayload`),
 * as iotdata's shadow documents: sent as the bytes, not as a JSON structure.
 */
export class BlobPayload {
  constructor(
    readonly bytes: Uint8Array<ArrayBuffer>,
    readonly contentType = 'application/json',
  ) {}
}

/** A JSON body (undefined members are dropped), a blob body, or nothing for operations whose output is empty. */
export type OperationResult = Record<string, unknown> | BlobPayload | undefined

export interface Operation {
  /** The AWS operation name; with the service's IAM prefix it is the action IAM checks. */
  readonly name: string
  /** Status for a successful answer; 200 unless the model says otherwise. */
  readonly successStatus?: number
  /** The model binds the whole request body to a blob member: the handler gets its bytes (a Uint8Array), unparsed. */
  readonly blobBody?: boolean
  handle(request: OperationRequest): Promise<OperationResult> | OperationResult
}

/** One restJson1 AWS service behind the edge: its operations, routed as its model binds them. */
export class Service {
  readonly router = new Router<Operation>()

  constructor(
    readonly displayName: string,
    /** The service prefix of its IAM actions: iot, iotjobsdata, … */
    readonly iamPrefix: string,
  ) {}

  route(method: string, path: string, operation: Operation): this {
    this.router.add(method, path, operation)
    return this
  }
}

export type { AwsError }

import type { AwsError } from './aws-error.ts'
import { Router } from './router.ts'

/** Who signed a request. Viewers may read and change nothing; the check is here, on the server. */
export type PrincipalRole = 'admin' | 'operator' | 'viewer'

export interface Principal {
  readonly role: PrincipalRole
  readonly accessKeyId: string
}

export interface OperationRequest {
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The parsed JSON body, or {} when there is none. */
  readonly body: unknown
  readonly principal: Principal
}

/** A JSON body (undefined members are dropped), or nothing for operations whose output is empty. */
export type OperationResult = Record<string, unknown> | undefined

export interface Operation {
  readonly name: string
  /** Reads are open to viewers; writes are not. */
  readonly access: 'read' | 'write'
  /** Status for a successful answer; 200 unless the model says otherwise. */
  readonly successStatus?: number
  handle(request: OperationRequest): Promise<OperationResult> | OperationResult
}

/** One AWS service behind the edge: its operations, routed as its model binds them. */
export class Service {
  readonly router = new Router<Operation>()

  constructor(readonly displayName: string) {}

  route(method: string, path: string, operation: Operation): this {
    this.router.add(method, path, operation)
    return this
  }
}

export type { AwsError }

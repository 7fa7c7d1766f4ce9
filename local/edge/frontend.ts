import type { AuthDialect, Caller } from './authenticate.ts'
import type { EdgeRequest } from './edge-request.ts'

/** What the edge gives each frontend: authentication and the default CORS headers. */
export interface EdgeContext {
  /** Verifies the request's SigV4 signature (header or query); throws an AwsError in the dialect's words. */
  authenticate(request: EdgeRequest, dialect: AuthDialect): Promise<Caller>
  /** CORS headers of the edge's loopback origin policy for this request, or {} for other origins. */
  readonly cors: Readonly<Record<string, string>>
  /** Real wall-clock milliseconds: token lifetimes and signatures follow real time. */
  readonly realNow: () => number
  readonly onError: (error: unknown) => void
}

/**
 * One wire protocol behind the edge (restJson1, awsJson1.1, S3's REST-XML).
 * The edge asks each frontend in turn whether it claims a request, so
 * protocols that share the edge's single port are told apart by their
 * signing scope, `X-Amz-Target` header or path.
 */
export interface Frontend {
  claims(request: EdgeRequest): boolean
  handle(request: EdgeRequest, context: EdgeContext): Promise<Response>
  /**
   * Answers a CORS preflight by the frontend's own rules (S3 bucket CORS
   * configurations); undefined leaves it to the edge's loopback policy.
   */
  preflight?(request: EdgeRequest): Response | undefined
}

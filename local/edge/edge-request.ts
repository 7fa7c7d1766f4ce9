/** A request as every frontend of the edge sees it: the body is read, the raw path kept. */
export interface EdgeRequest {
  readonly method: string
  readonly url: URL
  /** The path exactly as it arrived, still percent-encoded: signatures cover it. */
  readonly rawPath: string
  readonly headers: Headers
  readonly body: Uint8Array
}

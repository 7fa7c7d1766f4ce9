import type { AwsError } from './aws-error.ts'

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
  contentType = 'application/json',
): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: {
      'content-type': contentType,
      'x-amzn-requestid': crypto.randomUUID(),
      ...headers,
    },
  })
}

/**
 * An error as the JSON protocols return it: the modelled status, the type in
 * `x-amzn-ErrorType` and in the body's `__type` (awsJson1.1 clients read the
 * latter), and `{"message": …}` plus any modelled members.
 */
export function errorResponse(
  error: AwsError,
  headers: Readonly<Record<string, string>> = {},
  contentType = 'application/json',
): Response {
  return jsonResponse(
    error.status,
    { __type: error.type, message: error.message, ...error.members },
    { 'x-amzn-errortype': error.type, ...headers },
    contentType,
  )
}

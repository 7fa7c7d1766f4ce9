import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { EdgeApp } from './edge-app.ts'

/**
 * Bodies above this are refused before they are read. The edge holds a body
 * in memory, so the limit is what S3 needs for one firmware image per
 * PutObject or UploadPart (MAX_S3_PAYLOAD_BYTES, 64 MiB) plus its aws-chunked
 * framing; larger objects go up in multipart uploads. Every other AWS request
 * the local cloud serves is far smaller.
 */
export const MAX_REQUEST_BYTES = 65 * 1024 * 1024

function sendError(
  outgoing: ServerResponse,
  status: number,
  type: string,
  message: string,
  close = false,
): void {
  outgoing.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-errortype': type,
    ...(close ? { connection: 'close' } : {}),
  })
  outgoing.end(JSON.stringify({ message }))
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > MAX_REQUEST_BYTES) return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_REQUEST_BYTES) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function toRequest(incoming: IncomingMessage, body: Buffer): Request | undefined {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const method = incoming.method ?? 'GET'
  try {
    return new Request(`http://${incoming.headers.host ?? '127.0.0.1'}${incoming.url ?? '/'}`, {
      method,
      headers,
      body:
        method === 'GET' || method === 'HEAD' || body.length === 0
          ? null
          : (body as Uint8Array<ArrayBuffer>),
    })
  } catch {
    return undefined
  }
}

/** Turns the edge app (Request → Response) into a node:http listener; only start.ts binds a port. */
export function toNodeListener(app: EdgeApp): RequestListener {
  return (incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      const body = await readBody(incoming)
      if (body === undefined) {
        // Answer, then drop the connection rather than read the rest of an oversized body.
        sendError(
          outgoing,
          413,
          'PayloadTooLargeException',
          `Request bodies are limited to ${MAX_REQUEST_BYTES} bytes.`,
          true,
        )
        outgoing.once('finish', () => incoming.destroy())
        return
      }
      const request = toRequest(incoming, body)
      if (request === undefined) {
        sendError(
          outgoing,
          400,
          'InvalidRequestException',
          'The request line or Host header is malformed.',
        )
        return
      }
      const response = await app(request, (incoming.url ?? '/').split('?')[0] ?? '/')
      outgoing.writeHead(response.status, Object.fromEntries(response.headers))
      outgoing.end(Buffer.from(await response.arrayBuffer()))
    })().catch((error: unknown) => {
      console.error(error)
      if (outgoing.headersSent) outgoing.destroy()
      else
        sendError(
          outgoing,
          500,
          'InternalFailureException',
          'The local cloud failed to handle the request.',
        )
    })
  }
}

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { EdgeApp } from './edge-app.ts'

/** Bodies above this are refused before they are read: the largest AWS IoT request is far smaller. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024

async function readBody(request: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_REQUEST_BYTES) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** Turns the edge app (Request → Response) into a node:http listener; only main.ts binds a port. */
export function toNodeListener(app: EdgeApp): RequestListener {
  return (incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      const body = await readBody(incoming)
      if (body === undefined) {
        outgoing.writeHead(413, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'PayloadTooLargeException',
        })
        outgoing.end(
          JSON.stringify({ message: `Request bodies are limited to ${MAX_REQUEST_BYTES} bytes.` }),
        )
        return
      }
      const rawUrl = incoming.url ?? '/'
      const rawPath = rawUrl.split('?')[0] ?? '/'
      const headers = new Headers()
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined) continue
        for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
      }
      const method = incoming.method ?? 'GET'
      const request = new Request(`http://${incoming.headers.host ?? '127.0.0.1'}${rawUrl}`, {
        method,
        headers,
        body:
          method === 'GET' || method === 'HEAD' || body.length === 0
            ? null
            : (body as Uint8Array<ArrayBuffer>),
      })
      const response = await app(request, rawPath)
      outgoing.writeHead(response.status, Object.fromEntries(response.headers))
      outgoing.end(Buffer.from(await response.arrayBuffer()))
    })().catch((error: unknown) => {
      console.error(error)
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json' })
      outgoing.end(JSON.stringify({ message: 'Internal error.' }))
    })
  }
}

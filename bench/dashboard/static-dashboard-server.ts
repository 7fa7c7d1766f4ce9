import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, resolve, sep } from 'node:path'

/**
 * The built dashboard (`dist/`) served as a deployment serves it: files as
 * they are, every other path answered with index.html (the router's routes),
 * and `config.json` from memory, so the benchmark never overwrites the
 * `dist/config.json` that `npm start` or the e2e stack may be serving.
 * Hashed assets are cacheable for a year and the rest revalidated, as the
 * CloudFront distribution of infra/ serves them, so a second page load
 * measures what a returning operator gets.
 */
export interface StaticDashboardServer {
  readonly url: string
  readonly close: () => Promise<void>
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

export async function serveDashboard(
  distDir: string,
  /** Read on each request: the config can be known only once the server's own origin is. */
  configJson: () => string,
  { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {},
): Promise<StaticDashboardServer> {
  const root = resolve(distDir)
  const indexHtml = await readFile(resolve(root, 'index.html'))
  const server = createServer((request, response) => {
    let path: string
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname)
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' })
      response.end('Bad request')
      return
    }
    if (path === '/config.json') {
      response.writeHead(200, {
        'content-type': CONTENT_TYPES['.json'],
        'cache-control': 'no-cache',
      })
      response.end(configJson())
      return
    }
    const file = resolve(root, `.${path}`)
    const inside = file.startsWith(root + sep)
    const sendIndex = () => {
      response.writeHead(200, {
        'content-type': CONTENT_TYPES['.html'],
        'cache-control': 'no-cache',
      })
      response.end(indexHtml)
    }
    if (!inside || extname(file) === '') {
      sendIndex()
      return
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': path.startsWith('/assets/')
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        })
        response.end(body)
      },
      () => {
        response.writeHead(404, { 'content-type': 'text/plain' })
        response.end('Not found')
      },
    )
  })
  // Chromium keeps connections open; close() must not wait for them.
  server.keepAliveTimeout = 1_000
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolveListen())
  })
  const { port: boundPort } = server.address() as AddressInfo
  return {
    url: `http://${host}:${boundPort}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections()
        server.close(() => resolveClose())
      }),
  }
}

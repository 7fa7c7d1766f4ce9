import type { ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * `npm run dev` and the preview server `npm start` runs serve the
 * `config.json` the local cloud's seed wrote into its data directory
 * (`npm run local -- --seed` or `npm start`), so the dashboard talks to the
 * running local cloud. Builds never include it (a deployment writes its own
 * beside index.html), and nothing local writes into dist/, so a rebuild
 * while the stack runs cannot take its settings away.
 */
function localDashboardConfig(): Plugin {
  const file = join(
    resolve(process.env.FLEETDECK_DATA_DIR ?? '.fleetdeck/data'),
    'dashboard-config.json',
  )
  const serve = (_request: unknown, response: ServerResponse) => {
    readFile(file).then(
      (body) => {
        response.setHeader('content-type', 'application/json')
        // Never cached, as the deployment serves it: settings may change under one build.
        response.setHeader('cache-control', 'no-store')
        response.end(body)
      },
      () => {
        response.statusCode = 404
        response.end(`No ${file}: start the local cloud with \`npm run local -- --seed\`.`)
      },
    )
  }
  return {
    name: 'fleetdeck-local-dashboard-config',
    configureServer(server) {
      server.middlewares.use('/config.json', serve)
    },
    configurePreviewServer(server) {
      server.middlewares.use('/config.json', serve)
    },
  }
}

export default defineConfig({
  plugins: [react(), localDashboardConfig()],
  resolve: {
    alias: {
      '@/': fromRoot('./src/'),
      '@domain/': fromRoot('./domain/'),
    },
  },
  build: {
    sourcemap: true,
    // The first signed-in page's chunk carries the AWS SDK clients (about
    // 180 kB gzipped); bench/bundle-size.ts prints every chunk's size.
    chunkSizeWarningLimit: 800,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{domain,src,local,fleet}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.contract.test.ts'],
          environment: 'node',
        },
      },
      {
        // The contract suite drives the real SDK clients against the local
        // cloud (and, given credentials, against AWS).
        extends: true,
        test: {
          name: 'contract',
          include: ['**/*.contract.test.ts'],
          exclude: ['node_modules/**'],
          environment: 'node',
        },
      },
      {
        // The CDK app (infra/) and the deploy's pure parts. Stack tests
        // synthesize the template offline, once per file (a few seconds).
        extends: true,
        test: {
          name: 'infra',
          include: ['infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'bench',
          include: [],
          benchmark: { include: ['bench/**/*.bench.ts'] },
          environment: 'node',
        },
      },
    ],
  },
})

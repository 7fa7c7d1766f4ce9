import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * `npm run dev` serves the `config.json` the local cloud's seed wrote into
 * its data directory (`npm run local -- --seed` or `npm start`), so the dev
 * server talks to the running local cloud. Builds never include it: a
 * deployment writes its own beside index.html.
 */
function localDashboardConfig(): Plugin {
  const file = join(
    resolve(process.env.FLEETDECK_DATA_DIR ?? '.fleetdeck/data'),
    'dashboard-config.json',
  )
  return {
    name: 'fleetdeck-local-dashboard-config',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/config.json', (_request, response) => {
        readFile(file).then(
          (body) => {
            response.setHeader('content-type', 'application/json')
            response.end(body)
          },
          () => {
            response.statusCode = 404
            response.end(`No ${file}: start the local cloud with \`npm run local -- --seed\`.`)
          },
        )
      })
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

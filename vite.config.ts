import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  plugins: [react()],
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

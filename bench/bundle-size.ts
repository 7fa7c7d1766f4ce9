// What the browser downloads: builds the dashboard, then prints each chunk's
// size, raw and gzipped, and what the sign-in page needs before it can show
// (the entry script and styles named in index.html). Lazy chunks load when
// their page is first visited.
import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

await build({ logLevel: 'warn' })

const dist = new URL('../dist/', import.meta.url)
const indexHtml = readFileSync(new URL('index.html', dist), 'utf8')
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

const rows = readdirSync(new URL('assets/', dist))
  .filter((name) => /\.(js|css)$/.test(name))
  .map((name) => {
    const bytes = readFileSync(new URL(`assets/${name}`, dist))
    return {
      name,
      raw: bytes.length,
      gzip: gzipSync(bytes).length,
      first: indexHtml.includes(`/assets/${name}`),
    }
  })
  .sort((a, b) => b.gzip - a.gzip)

console.table(
  rows.map((row) => ({
    chunk: row.name,
    raw: kib(row.raw),
    gzip: kib(row.gzip),
    'loaded by index.html': row.first ? 'yes' : '',
  })),
)
const firstLoad = rows.filter((row) => row.first).reduce((sum, row) => sum + row.gzip, 0)
const total = rows.reduce((sum, row) => sum + row.gzip, 0)
console.table([
  { measure: 'first load (what index.html loads), gzip', value: kib(firstLoad) },
  { measure: 'all chunks, gzip', value: kib(total) },
])

import { paths } from '@/config/paths.ts'

/**
 * Where to go after sign-in. `next` comes from the URL, so anyone can craft
 * it: only a path of this app is followed, never another origin (which
 * `//evil.example`, `/\evil.example` or `/%09/evil.example` would reach if
 * handed to the browser as they are).
 */
export function safeNextPath(next: string | null, origin: string): string {
  if (next === null || !next.startsWith('/')) return paths.home()
  let url: URL
  try {
    url = new URL(next, origin)
  } catch {
    return paths.home()
  }
  if (url.origin !== origin || url.pathname.startsWith('//')) return paths.home()
  return `${url.pathname}${url.search}${url.hash}`
}

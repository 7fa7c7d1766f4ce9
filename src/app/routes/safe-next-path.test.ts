import { describe, expect, it } from 'vitest'
import { safeNextPath } from './safe-next-path.ts'

const origin = 'https://fleetdeck.example.com'

describe('safeNextPath', () => {
  it('follows a path of this app with its filters', () => {
    expect(safeNextPath('/fleet?version=1.2.0#top', origin)).toBe('/fleet?version=1.2.0#top')
  })

  it('refuses anything that leaves the app', () => {
    for (const next of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/%09/evil.example',
    ]) {
      const path = safeNextPath(next, origin)
      expect(path).toMatch(/^\/(?![/\\])/)
      expect(new URL(path, origin).origin).toBe(origin)
    }
    expect(safeNextPath('//evil.example/x', origin)).toBe('/')
    expect(safeNextPath(null, origin)).toBe('/')
    expect(safeNextPath('fleet', origin)).toBe('/')
  })
})

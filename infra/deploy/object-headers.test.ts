import { describe, expect, it } from 'vitest'
import {
  cacheControlFor,
  contentTypeFor,
  IMMUTABLE,
  REVALIDATE,
  uploadOrder,
} from './object-headers.ts'

describe('cacheControlFor', () => {
  it('caches hashed assets for a year and never revalidates them', () => {
    expect(cacheControlFor('assets/index-Chq-Cgdw.js')).toBe(IMMUTABLE)
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable')
  })

  it('makes browsers and CloudFront revalidate index.html and config.json', () => {
    expect(cacheControlFor('index.html')).toBe(REVALIDATE)
    expect(cacheControlFor('config.json')).toBe(REVALIDATE)
    expect(REVALIDATE).toBe('no-cache')
  })

  it('gives other unhashed files a short lifetime', () => {
    expect(cacheControlFor('favicon.svg')).toBe('public, max-age=300')
  })
})

describe('contentTypeFor', () => {
  it('names the types browsers check under nosniff', () => {
    expect(contentTypeFor('assets/a.js')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('assets/a.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('config.json')).toBe('application/json')
    expect(contentTypeFor('favicon.svg')).toBe('image/svg+xml')
    expect(contentTypeFor('LICENSE')).toBe('application/octet-stream')
  })
})

describe('uploadOrder', () => {
  it('uploads assets first and index.html last', () => {
    expect(
      uploadOrder(['index.html', 'config.json', 'assets/b.js', 'favicon.svg', 'assets/a.js']),
    ).toEqual(['assets/a.js', 'assets/b.js', 'favicon.svg', 'config.json', 'index.html'])
  })
})

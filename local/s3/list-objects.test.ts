import { describe, expect, it } from 'vitest'
import {
  compareKeys,
  decodeContinuationToken,
  encodeContinuationToken,
  listObjectsPage,
  type ListObjectsQuery,
} from './list-objects.ts'

const KEYS = [
  'a.txt',
  'photos/2026/jan/1.jpg',
  'photos/2026/jan/2.jpg',
  'photos/2026/feb/1.jpg',
  'photos/index.html',
  'videos/1.mp4',
  'z',
].sort(compareKeys)

/** Every page of a listing, following continuation markers. */
function allPages(query: Omit<ListObjectsQuery, 'continuation'>) {
  const pages = []
  let page = listObjectsPage(KEYS, query)
  pages.push(page)
  while (page.next !== undefined) {
    const continuation = decodeContinuationToken(encodeContinuationToken(page.next))
    page = listObjectsPage(KEYS, {
      ...query,
      ...(continuation === undefined ? {} : { continuation }),
    })
    pages.push(page)
  }
  return pages
}

describe('ListObjectsV2 paging', () => {
  it('sorts keys in UTF-8 byte order, as S3 does', () => {
    expect(['é', 'z', '\u{1F600}', '\uFFFD'].sort(compareKeys)).toEqual([
      'z',
      'é',
      '\uFFFD',
      '\u{1F600}',
    ])
  })

  it('rolls keys up into common prefixes after the prefix', () => {
    const page = listObjectsPage(KEYS, { prefix: 'photos/', delimiter: '/', maxKeys: 1000 })
    expect(page).toEqual({
      keys: ['photos/index.html'],
      commonPrefixes: ['photos/2026/'],
      isTruncated: false,
    })
  })

  it('pages through keys and common prefixes alike, each once', () => {
    const pages = allPages({ prefix: '', delimiter: '/', maxKeys: 2 })
    expect(pages.map(({ keys, commonPrefixes }) => ({ keys, commonPrefixes }))).toEqual([
      { keys: ['a.txt'], commonPrefixes: ['photos/'] },
      { keys: ['z'], commonPrefixes: ['videos/'] },
    ])
    expect(pages.map((page) => page.isTruncated)).toEqual([true, false])
  })

  it('pages through every key without a delimiter', () => {
    const pages = allPages({ prefix: '', maxKeys: 3 })
    expect(pages.flatMap((page) => page.keys)).toEqual(KEYS)
    expect(pages).toHaveLength(3)
  })

  it('starts after start-after', () => {
    expect(
      listObjectsPage(KEYS, { prefix: '', maxKeys: 2, startAfter: 'photos/index.html' }).keys,
    ).toEqual(['videos/1.mp4', 'z'])
  })

  it('answers max-keys 0 with an empty, untruncated page', () => {
    expect(listObjectsPage(KEYS, { prefix: '', maxKeys: 0 })).toEqual({
      keys: [],
      commonPrefixes: [],
      isTruncated: false,
    })
  })

  it('refuses tokens it did not issue', () => {
    expect(decodeContinuationToken('not-a-token')).toBeUndefined()
  })
})

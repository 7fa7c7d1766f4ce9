import { describe, expect, it } from 'vitest'
import { shareOf, versionDistribution } from './version-distribution.ts'

describe('versionDistribution', () => {
  it('orders versions newest first and counts the devices reporting none', () => {
    expect(
      versionDistribution(
        {
          totalCount: 10,
          buckets: [
            { keyValue: '1.10.0', count: 2 },
            { keyValue: '1.9.0', count: 4 },
            { keyValue: 'nightly', count: 1 },
            { keyValue: '2.0.0-rc.1', count: 1 },
          ],
        },
        100,
      ),
    ).toEqual({
      totalCount: 10,
      versions: [
        { version: '2.0.0-rc.1', count: 1 },
        { version: '1.10.0', count: 2 },
        { version: '1.9.0', count: 4 },
        { version: 'nightly', count: 1 },
      ],
      remainder: 2,
      truncated: false,
    })
  })

  it('says when every bucket asked for came back', () => {
    const answer = { totalCount: 5, buckets: [{ keyValue: '1.0.0', count: 3 }] }
    expect(versionDistribution(answer, 1)).toMatchObject({ remainder: 2, truncated: true })
  })

  it('never counts below zero, whatever the answer holds', () => {
    expect(versionDistribution({ buckets: [{ keyValue: '1.0.0', count: 3 }] }, 10)).toMatchObject({
      totalCount: 3,
      remainder: 0,
    })
    expect(versionDistribution({}, 10)).toEqual({
      totalCount: 0,
      versions: [],
      remainder: 0,
      truncated: false,
    })
  })
})

describe('shareOf', () => {
  it('rounds to a tenth of a percent', () => {
    expect(shareOf(3, 7)).toBe('42.9%')
    expect(shareOf(0, 0)).toBe('0%')
    expect(shareOf(5, 5)).toBe('100%')
  })
})

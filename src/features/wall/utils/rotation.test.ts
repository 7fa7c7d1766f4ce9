import { describe, expect, it } from 'vitest'
import { DEFAULT_ROTATE_SECONDS, keptFeatured, nextFeatured, rotationSetting } from './rotation.ts'

describe('rotationSetting', () => {
  it('reads ?rotate= in whole seconds', () => {
    expect(rotationSetting('20')).toEqual({ intervalMs: 20_000 })
    expect(rotationSetting('5')).toEqual({ intervalMs: 5_000 })
    expect(rotationSetting('3600')).toEqual({ intervalMs: 3_600_000 })
  })

  it('rotates every 15 s without the parameter', () => {
    expect(rotationSetting(null)).toEqual({ intervalMs: DEFAULT_ROTATE_SECONDS * 1000 })
    expect(rotationSetting('')).toEqual({ intervalMs: DEFAULT_ROTATE_SECONDS * 1000 })
  })

  it('falls back to the default and says why for values a wall could not use', () => {
    for (const rotate of ['0', '4', '3601', '1.5', '-20', 'abc', '20s', '1e3']) {
      const setting = rotationSetting(rotate)
      expect(setting.intervalMs).toBe(DEFAULT_ROTATE_SECONDS * 1000)
      expect(setting.problem).toContain(`rotate=${rotate}`)
    }
  })

  it('does not echo a long parameter back in full', () => {
    expect(rotationSetting('x'.repeat(500)).problem?.length).toBeLessThan(160)
  })
})

describe('nextFeatured', () => {
  const jobs = ['fw-3', 'fw-2', 'fw-1']

  it('turns to the next job and wraps around', () => {
    expect(nextFeatured(jobs, 'fw-3')).toBe('fw-2')
    expect(nextFeatured(jobs, 'fw-2')).toBe('fw-1')
    expect(nextFeatured(jobs, 'fw-1')).toBe('fw-3')
  })

  it('starts from the first job, and from there when the featured one has ended', () => {
    expect(nextFeatured(jobs, undefined)).toBe('fw-3')
    expect(nextFeatured(jobs, 'gone')).toBe('fw-3')
  })

  it('stays on a lone job and has nothing to feature without jobs', () => {
    expect(nextFeatured(['fw-1'], 'fw-1')).toBe('fw-1')
    expect(nextFeatured([], 'fw-1')).toBeUndefined()
  })
})

describe('keptFeatured', () => {
  it('keeps the featured job while it is active, even when others start before it', () => {
    expect(keptFeatured(['fw-2', 'fw-1'], 'fw-1')).toBe('fw-1')
    expect(keptFeatured(['fw-9', 'fw-2', 'fw-1'], 'fw-1')).toBe('fw-1')
  })

  it('features the first job when none is featured or the featured one ended', () => {
    expect(keptFeatured(['fw-2', 'fw-1'], undefined)).toBe('fw-2')
    expect(keptFeatured(['fw-2', 'fw-1'], 'fw-0')).toBe('fw-2')
    expect(keptFeatured([], 'fw-0')).toBeUndefined()
  })
})

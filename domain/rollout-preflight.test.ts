import { describe, expect, it } from 'vitest'
import {
  classifyDevice,
  preflightFromBuckets,
  preflightFromDevices,
  proceedDecision,
} from './rollout-preflight.ts'

const target = { model: 'lamp-v2', version: '1.2.0' }

describe('classifyDevice', () => {
  it('compares the reported version with the target by SemVer precedence', () => {
    expect(classifyDevice({ model: 'lamp-v2', version: '1.1.9' }, target)).toBe('upgrade')
    expect(classifyDevice({ model: 'lamp-v2', version: '1.10.0' }, target)).toBe('downgrade')
    expect(classifyDevice({ model: 'lamp-v2', version: '1.2.0' }, target)).toBe('current')
    expect(classifyDevice({ model: 'lamp-v2', version: '1.2.0-rc.1' }, target)).toBe('upgrade')
  })

  it('is unknown for another model, no version, or a text that is not a version', () => {
    expect(classifyDevice({ model: 'lock-v3', version: '1.0.0' }, target)).toBe('unknown')
    expect(classifyDevice({ model: undefined, version: '1.0.0' }, target)).toBe('unknown')
    expect(classifyDevice({ model: 'lamp-v2', version: undefined }, target)).toBe('unknown')
    expect(classifyDevice({ model: 'lamp-v2', version: 'banana' }, target)).toBe('unknown')
    expect(classifyDevice({ model: 'lamp-v2', version: 12 }, target)).toBe('unknown')
  })
})

describe('preflightFromBuckets', () => {
  it('classifies each version bucket and counts the rest of the total as unknown', () => {
    const result = preflightFromBuckets(
      [
        { keyValue: '1.0.0', count: 3 },
        { keyValue: '1.1.0', count: 5 },
        { keyValue: '1.2.0', count: 2 },
        { keyValue: '2.0.0', count: 1 },
        { keyValue: 'garbage', count: 1 },
      ],
      15,
      target,
    )
    expect(result.counts).toEqual({ upgrade: 8, downgrade: 1, current: 2, unknown: 4 })
    expect(result.total).toBe(15)
    expect(result.versions.upgrade).toEqual([
      { version: '1.1.0', count: 5 },
      { version: '1.0.0', count: 3 },
    ])
    expect(result.versions.unknown).toEqual([{ version: 'garbage', count: 1 }])
  })

  it('never counts fewer than zero unknown when the total lags the buckets', () => {
    const result = preflightFromBuckets([{ keyValue: '1.0.0', count: 4 }], 3, target)
    expect(result.counts.unknown).toBe(0)
    expect(result.total).toBe(4)
  })

  it('is all zero for an empty target', () => {
    expect(preflightFromBuckets([], 0, target).counts).toEqual({
      upgrade: 0,
      downgrade: 0,
      current: 0,
      unknown: 0,
    })
  })
})

describe('preflightFromDevices', () => {
  it('counts each device and keeps a few example names per class', () => {
    const devices = [
      ...Array.from({ length: 7 }, (_, index) => ({
        thingName: `old-${index}`,
        model: 'lamp-v2',
        version: '1.0.0',
      })),
      { thingName: 'new', model: 'lamp-v2', version: '2.0.0' },
      { thingName: 'same', model: 'lamp-v2', version: '1.2.0' },
      { thingName: 'lock', model: 'lock-v3', version: '3.0.0' },
      { thingName: 'silent', model: undefined, version: undefined },
    ]
    const result = preflightFromDevices(devices, target, { examplesPerClass: 3 })
    expect(result.total).toBe(11)
    expect(result.counts).toEqual({ upgrade: 7, downgrade: 1, current: 1, unknown: 2 })
    expect(result.examples.upgrade).toEqual(['old-0', 'old-1', 'old-2'])
    expect(result.examples.downgrade).toEqual(['new'])
    expect(result.examples.unknown).toEqual(['lock', 'silent'])
    expect(result.versions.upgrade).toEqual([{ version: '1.0.0', count: 7 }])
  })
})

describe('proceedDecision', () => {
  const counts = (downgrade: number, total: number) =>
    preflightFromBuckets(
      [
        { keyValue: '2.0.0', count: downgrade },
        { keyValue: '1.0.0', count: total - downgrade },
      ],
      total,
      target,
    )

  it('blocks a downgrade that is not forced, saying devices reject it', () => {
    const decision = proceedDecision(counts(2, 10), { forced: false, confirmationThreshold: 50 })
    expect(decision.kind).toBe('blocked')
    expect(decision.kind === 'blocked' && decision.reason).toMatch(/REJECT/)
  })

  it('asks to confirm a forced downgrade even on a small target', () => {
    expect(proceedDecision(counts(1, 3), { forced: true, confirmationThreshold: 50 })).toEqual({
      kind: 'confirm',
      reasons: ['This forced job downgrades 1 device.'],
    })
  })

  it('asks to confirm a target over the threshold, and not at it', () => {
    expect(
      proceedDecision(counts(2, 10), {
        forced: false,
        acceptRejections: true,
        confirmationThreshold: 50,
      }).kind,
    ).toBe('allowed')
    expect(proceedDecision(counts(0, 51), { forced: false, confirmationThreshold: 50 }).kind).toBe(
      'confirm',
    )
    expect(proceedDecision(counts(0, 50), { forced: false, confirmationThreshold: 50 }).kind).toBe(
      'allowed',
    )
  })

  it('marks a full page of version buckets as truncated, and a shorter one not', () => {
    const buckets = Array.from({ length: 100 }, (_, index) => ({
      keyValue: `1.0.${index}`,
      count: 1,
    }))
    expect(preflightFromBuckets(buckets, 150, target, { maxBuckets: 100 }).truncated).toBe(true)
    expect(preflightFromBuckets(buckets.slice(1), 150, target, { maxBuckets: 100 }).truncated).toBe(
      false,
    )
    expect(preflightFromBuckets(buckets, 150, target).truncated).toBe(false)
  })

  it('asks a truncated preflight for force or accepted rejections, then a typed confirmation', () => {
    const truncated = { ...counts(0, 5), truncated: true }
    const blocked = proceedDecision(truncated, { forced: false, confirmationThreshold: 50 })
    expect(blocked.kind).toBe('blocked')
    expect(blocked.kind === 'blocked' && blocked.reason).toMatch(/REJECT/)
    for (const rules of [
      { forced: true, confirmationThreshold: 50 },
      { forced: false, acceptRejections: true, confirmationThreshold: 50 },
    ]) {
      const decision = proceedDecision(truncated, rules)
      expect(decision.kind).toBe('confirm')
      expect(decision.kind === 'confirm' && decision.reasons.join(' ')).toMatch(/incomplete/)
    }
  })

  it('allows a forced job that downgrades nobody on a small target', () => {
    expect(proceedDecision(counts(0, 5), { forced: true, confirmationThreshold: 50 }).kind).toBe(
      'allowed',
    )
  })
})

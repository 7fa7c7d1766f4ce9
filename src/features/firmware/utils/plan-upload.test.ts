import { describe, expect, it } from 'vitest'
import {
  DEFAULT_UPLOAD_TUNING,
  MAX_PARTS,
  MIN_PART_BYTES,
  planUpload,
  type UploadTuning,
} from './plan-upload.ts'

const MiB = 1024 * 1024
const tuning = (overrides: Partial<UploadTuning>): UploadTuning => ({
  ...DEFAULT_UPLOAD_TUNING,
  ...overrides,
})

describe('planUpload', () => {
  it('sends files under the threshold in one PutObject', () => {
    expect(planUpload(1)).toEqual({ kind: 'single', size: 1 })
    expect(planUpload(16 * MiB - 1)).toEqual({ kind: 'single', size: 16 * MiB - 1 })
  })

  it('cuts larger files into 8 MiB parts that cover every byte once', () => {
    const plan = planUpload(16 * MiB + 3)
    expect(plan).toEqual({
      kind: 'multipart',
      partSizeBytes: 8 * MiB,
      parts: [
        { partNumber: 1, start: 0, end: 8 * MiB },
        { partNumber: 2, start: 8 * MiB, end: 16 * MiB },
        { partNumber: 3, start: 16 * MiB, end: 16 * MiB + 3 },
      ],
    })
  })

  it('never plans parts under S3’s 5 MiB minimum', () => {
    const plan = planUpload(11 * MiB, tuning({ multipartThresholdBytes: 1, partSizeBytes: 1024 }))
    expect(plan.kind === 'multipart' && plan.parts.map((p) => p.end - p.start)).toEqual([
      MIN_PART_BYTES,
      MIN_PART_BYTES,
      1 * MiB,
    ])
  })

  it('grows the parts so that a huge file stays within 10,000 parts', () => {
    const size = 100 * 1024 * MiB
    const plan = planUpload(size)
    if (plan.kind !== 'multipart') throw new Error('expected multipart')
    expect(plan.parts.length).toBeLessThanOrEqual(MAX_PARTS)
    expect(plan.partSizeBytes).toBe(Math.ceil(size / MAX_PARTS))
    expect(plan.parts.at(-1)?.end).toBe(size)
  })

  it('plans one part for a file just over a low threshold', () => {
    const plan = planUpload(3 * MiB, tuning({ multipartThresholdBytes: MiB }))
    expect(plan).toEqual({
      kind: 'multipart',
      partSizeBytes: 8 * MiB,
      parts: [{ partNumber: 1, start: 0, end: 3 * MiB }],
    })
  })

  it('refuses sizes and tunings that cannot work', () => {
    expect(() => planUpload(-1)).toThrow(RangeError)
    expect(() => planUpload(1.5)).toThrow(RangeError)
    expect(() => planUpload(1, tuning({ partsInFlight: 0 }))).toThrow(RangeError)
    expect(() => planUpload(60_000 * 1024 * MiB)).toThrow(/10000 parts/)
  })
})

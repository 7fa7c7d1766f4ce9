import { describe, expect, it } from 'vitest'
import { uploadPercent, uploadPhaseText } from './upload-progress.ts'

const MiB = 1024 * 1024

describe('upload progress', () => {
  it('averages hashing and uploading, and is full only when publishing', () => {
    const at = (bytesHashed: number, bytesUploaded: number) =>
      uploadPercent({ phase: 'uploading', bytesHashed, bytesUploaded, totalBytes: 20 * MiB })
    expect(at(0, 0)).toBe(0)
    expect(at(10 * MiB, 0)).toBe(25)
    expect(at(20 * MiB, 10 * MiB)).toBe(75)
    expect(at(20 * MiB, 20 * MiB)).toBe(100)
    expect(
      uploadPercent({ phase: 'publishing', bytesHashed: 0, bytesUploaded: 0, totalBytes: 1 }),
    ).toBe(100)
  })

  it('says what is happening in bytes an operator reads', () => {
    expect(
      uploadPhaseText({
        phase: 'uploading',
        bytesHashed: 12 * MiB,
        bytesUploaded: 8 * MiB,
        totalBytes: 20 * MiB,
      }),
    ).toBe('Hashed 12 MiB, uploaded 8 MiB of 20 MiB')
    expect(
      uploadPhaseText({ phase: 'checking', bytesHashed: 0, bytesUploaded: 0, totalBytes: 1 }),
    ).toContain('Checking')
  })
})

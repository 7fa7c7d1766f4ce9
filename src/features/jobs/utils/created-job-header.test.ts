import { describe, expect, it } from 'vitest'
import { createdJobHeader } from './created-job-header.ts'

describe('createdJobHeader', () => {
  it('says the job was created', () => {
    expect(createdJobHeader({ jobId: 'config-download-1', created: true })).toBe(
      'Created config-download-1',
    )
  })

  it('says an earlier attempt had created it', () => {
    expect(createdJobHeader({ jobId: 'config-upload-1', created: false })).toBe(
      'config-upload-1 had already been created',
    )
  })
})

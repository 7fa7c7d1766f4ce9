import { describe, expect, it } from 'vitest'
import { mergeJobDocumentText } from '@domain/job-document-merge.ts'
import { createJobOptionsInput, defaultJobOptionsForm } from './firmware-job-form.ts'
import { optionsStepErrors } from './options-errors.ts'

const account = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' }
const context = { targets: ['arn:aws:iot:us-east-1:123456789012:thing/a'], account, username: 'u' }
const generated = {
  operation: 'install',
  url: 'https://x.example.com/f.bin',
  version: '1.0.0',
  sha256: 'a'.repeat(64),
  size: 1,
  forced: false,
}

describe('optionsStepErrors', () => {
  it('is empty for the defaults', () => {
    const form = defaultJobOptionsForm
    expect(
      optionsStepErrors(
        form,
        createJobOptionsInput(form, context),
        mergeJobDocumentText('', generated),
        0,
      ),
    ).toEqual({})
  })

  it('puts each problem at its field', () => {
    const form = {
      ...defaultJobOptionsForm,
      inProgressTimeoutInMinutes: '0',
      presignedUrlExpirySeconds: '10',
      startTime: '2020-01-01T00:00',
      documentTemplate: '[1]',
    }
    const errors = optionsStepErrors(
      form,
      createJobOptionsInput(form, context),
      mergeJobDocumentText(form.documentTemplate, generated),
      Date.UTC(2026, 0, 1),
    )
    expect(Object.keys(errors).sort()).toEqual(
      ['document', 'inProgressTimeoutInMinutes', 'presignedUrlExpirySeconds', 'startTime'].sort(),
    )
  })

  it('checks the operator-presigned URL expiry against 7 days', () => {
    const form = {
      ...defaultJobOptionsForm,
      urlMode: 'operator-presigned' as const,
      operatorUrlExpiryHours: '169',
    }
    const errors = optionsStepErrors(
      form,
      createJobOptionsInput(form, context),
      mergeJobDocumentText('', generated),
      0,
    )
    expect(errors.operatorUrlExpiryHours).toMatch(/7 days/)
  })
})

import { describe, expect, it } from 'vitest'
import { abortConfigText } from './abort-config-text.ts'

describe('abortConfigText', () => {
  it('says when AWS will not stop the job', () => {
    expect(abortConfigText(undefined)[0]).toMatch(/will not stop/)
  })

  it('describes each criterion', () => {
    expect(
      abortConfigText([
        {
          failureType: 'FAILED',
          action: 'CANCEL',
          thresholdPercentage: 20,
          minNumberOfExecutedThings: 10,
        },
      ]),
    ).toEqual([
      'AWS cancels the job when more than 20 % of executions failed, once at least 10 devices have run it.',
    ])
  })
})

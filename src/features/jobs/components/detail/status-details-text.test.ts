import { describe, expect, it } from 'vitest'
import { statusDetailsText } from './status-details-text.ts'

describe('statusDetailsText', () => {
  it('puts what people read first and keeps markup as it is', () => {
    expect(
      statusDetailsText({
        targetVersion: '2.0.0',
        reason: '<b>boot</b>',
        step: 'rebooting',
        progress: '100',
      }),
    ).toBe('step: rebooting · 100 % · reason: <b>boot</b> · targetVersion: 2.0.0')
  })
})

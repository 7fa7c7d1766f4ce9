import { describe, expect, it } from 'vitest'
import { parseIndexedShadow, reportedFirmwareOf } from './reported-firmware.ts'

describe('reportedFirmwareOf', () => {
  it('reads a GetThingShadow document (state.reported)', () => {
    expect(
      reportedFirmwareOf({
        state: { reported: { firmware: { version: '1.4.0', model: 'sensor-v2' } }, desired: {} },
        version: 3,
      }),
    ).toEqual({ version: '1.4.0', model: 'sensor-v2' })
  })

  it("reads SearchIndex's shadow (sections at the top level)", () => {
    const shadow = parseIndexedShadow(
      JSON.stringify({ reported: { firmware: { version: '2.0.0' } }, metadata: {}, version: 1 }),
    )
    expect(reportedFirmwareOf(shadow)).toEqual({ version: '2.0.0' })
  })

  it('treats anything unexpected as not reported', () => {
    for (const shadow of [
      undefined,
      null,
      'text',
      [],
      {},
      { reported: null },
      { reported: { firmware: 'x' } },
      { reported: { firmware: { version: { major: 1 } } } },
      { reported: { firmware: { version: '' } } },
      { reported: { firmware: { version: true } } },
      { state: { reported: [1] } },
    ])
      expect(reportedFirmwareOf(shadow)).toEqual({})
  })

  it('shows a numeric version as the number it is', () => {
    expect(reportedFirmwareOf({ reported: { firmware: { version: 2 } } })).toEqual({
      version: '2',
    })
  })
})

describe('the SearchIndex path (rollout preflight)', () => {
  // Preflight reads thing documents' `shadow` text and classifies the result;
  // broken or foreign text must read as unknown, never throw.
  const firmwareOfText = (text: string | undefined) => reportedFirmwareOf(parseIndexedShadow(text))

  it('reads version and model from the shadow text', () => {
    expect(
      firmwareOfText('{"reported":{"firmware":{"version":"1.2.0","model":"lamp-v2"}},"version":4}'),
    ).toEqual({ version: '1.2.0', model: 'lamp-v2' })
  })

  it('reads nothing from a missing, broken or null shadow', () => {
    for (const text of [undefined, '', '{"reported":', 'null', '"text"'])
      expect(firmwareOfText(text)).toEqual({})
  })
})

describe('parseIndexedShadow', () => {
  it('gives undefined for a missing or broken string', () => {
    expect(parseIndexedShadow(undefined)).toBeUndefined()
    expect(parseIndexedShadow('')).toBeUndefined()
    expect(parseIndexedShadow('{"reported":')).toBeUndefined()
  })
})

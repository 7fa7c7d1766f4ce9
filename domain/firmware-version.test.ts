import { describe, expect, it } from 'vitest'
import {
  classifyFirmwareChange,
  compareFirmwareVersions,
  compareVersionsNewestFirst,
  InvalidFirmwareVersionError,
  parseFirmwareVersion,
} from './firmware-version.ts'

function messageFor(input: unknown): string | undefined {
  const result = parseFirmwareVersion(input)
  return result.ok ? undefined : result.issues[0]?.message
}

describe('parseFirmwareVersion', () => {
  it.each([
    '0.0.0',
    '1.2.3',
    '10.20.30',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-0.3.7',
    '1.0.0-x.7.z.92',
    '1.0.0+20130313144700',
    '1.0.0-beta+exp.sha.5114f85',
  ])('accepts %s', (text) => {
    expect(parseFirmwareVersion(text)).toMatchObject({ ok: true, value: { text } })
  })

  it('splits a version into its parts', () => {
    expect(parseFirmwareVersion('2.10.3-rc.4+build.7')).toEqual({
      ok: true,
      value: {
        text: '2.10.3-rc.4+build.7',
        major: 2,
        minor: 10,
        patch: 3,
        prerelease: ['rc', 4],
        build: ['build', '7'],
      },
    })
  })

  it.each([
    '1',
    '1.2',
    '1.2.3.4',
    '1.2.9007199254740992',
    '01.2.3',
    '1.02.3',
    '1.2.3-01',
    '1.2.3-',
    '1.2.3+',
    'latest',
    'a.b.c',
    '1.2.x',
    '-1.2.3',
  ])('refuses %j, saying what a version looks like', (text) => {
    expect(messageFor(text)).toBe(
      `"${text}" is not a firmware version: use semantic versioning, MAJOR.MINOR.PATCH such as 1.4.0 or 2.0.0-rc.1.`,
    )
  })

  it('refuses a leading v or =, saying how to write it', () => {
    expect(messageFor('v1.2.3')).toBe(
      '"v1.2.3" is not a firmware version: write it without the leading "v", as 1.2.3.',
    )
    expect(messageFor('=1.2.3')).toBe(
      '"=1.2.3" is not a firmware version: write it without the leading "=", as 1.2.3.',
    )
  })

  it('refuses surrounding spaces, missing values and over-long strings', () => {
    expect(messageFor(' 1.2.3')).toBe(
      '" 1.2.3" is not a firmware version: remove the spaces around it.',
    )
    expect(messageFor('')).toBe('Firmware version is required.')
    expect(messageFor(undefined)).toBe('Firmware version is required.')
    expect(messageFor(123)).toBe('Firmware version is required.')
    expect(messageFor(`1.2.3-${'a'.repeat(251)}`)).toBe(
      'Firmware version must be at most 256 characters.',
    )
  })
})

describe('compareFirmwareVersions', () => {
  // Each version ranks strictly below the next: the precedence example of SemVer 2.0.0 §11.
  const ORDERED = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1',
    '1.1.0',
    '1.10.0',
    '2.0.0',
  ]

  it('orders versions by SemVer precedence', () => {
    for (const [index, lower] of ORDERED.entries()) {
      for (const higher of ORDERED.slice(index + 1)) {
        expect(compareFirmwareVersions(lower, higher), `${lower} < ${higher}`).toBe(-1)
        expect(compareFirmwareVersions(higher, lower), `${higher} > ${lower}`).toBe(1)
      }
      expect(compareFirmwareVersions(lower, lower)).toBe(0)
    }
  })

  it('ignores build metadata', () => {
    expect(compareFirmwareVersions('1.2.3+b1', '1.2.3+b2')).toBe(0)
    expect(compareFirmwareVersions('1.2.3+b1', '1.2.3')).toBe(0)
  })

  it('throws InvalidFirmwareVersionError for a string that is not a version', () => {
    expect(() => compareFirmwareVersions('1.2', '1.2.3')).toThrow(InvalidFirmwareVersionError)
    expect(() => compareFirmwareVersions('1.2.3', 'v2')).toThrow('"v2" is not a firmware version')
  })
})

describe('compareVersionsNewestFirst', () => {
  it('lists SemVer versions newest first, then other texts by code units', () => {
    const reported = [
      'nightly',
      '1.9.0',
      'v2',
      '2.0.0-rc.1',
      '1.10.0',
      '',
      'Beta',
      '1.9.0+b2',
      '1.9.0+b1',
    ]
    expect([...reported].sort(compareVersionsNewestFirst)).toEqual([
      '2.0.0-rc.1',
      '1.10.0',
      '1.9.0',
      '1.9.0+b1',
      '1.9.0+b2',
      '',
      'Beta',
      'nightly',
      'v2',
    ])
  })

  it('is a total order: 0 only for the same text, and antisymmetric', () => {
    const texts = ['1.0.0', '1.0.0+b1', '1.0.0-rc.1', 'x', 'X', '1.0']
    for (const a of texts)
      for (const b of texts) {
        expect(compareVersionsNewestFirst(a, b) === 0, `${a} vs ${b}`).toBe(a === b)
        expect(compareVersionsNewestFirst(a, b), `${a} vs ${b}`).toBe(
          -compareVersionsNewestFirst(b, a) || 0,
        )
      }
  })
})

describe('classifyFirmwareChange', () => {
  it.each([
    ['1.0.0', '1.1.0', 'upgrade'],
    ['1.9.9', '2.0.0', 'upgrade'],
    ['2.0.0', '1.9.9', 'downgrade'],
    ['1.2.3', '1.2.3', 'current'],
    // A pre-release ranks below its release, and above the previous release.
    ['1.2.0-rc.1', '1.2.0', 'upgrade'],
    ['1.2.0', '1.2.0-rc.1', 'downgrade'],
    ['1.1.9', '1.2.0-rc.1', 'upgrade'],
    ['1.2.0-rc.2', '1.2.0-rc.10', 'upgrade'],
    ['1.2.0-beta', '1.2.0-alpha', 'downgrade'],
    // Build metadata does not change precedence: the device would not call it older.
    ['1.2.3+b1', '1.2.3+b2', 'current'],
    ['1.2.3', '1.2.3+b2', 'current'],
  ] as const)('running %s, target %s: %s', (running, target, kind) => {
    expect(classifyFirmwareChange(running, target)).toEqual({ kind, running, target })
  })

  it.each([
    [undefined, 'The device has not reported a firmware version.'],
    [null, 'The device has not reported a firmware version.'],
    ['', 'The device has not reported a firmware version.'],
    ['banana', 'The device reports "banana", which is not a version.'],
    ['v1.2.3', 'The device reports "v1.2.3", which is not a version.'],
    [12, 'The device reports a value of type number, which is not a version.'],
    [{ version: '1.2.3' }, 'The device reports a value of type object, which is not a version.'],
  ])('a running version of %j is unknown', (running, reason) => {
    expect(classifyFirmwareChange(running, '1.0.0')).toEqual({
      kind: 'unknown',
      running,
      target: '1.0.0',
      reason,
    })
  })

  it('throws for an invalid target: that is the caller’s input, not the device’s', () => {
    expect(() => classifyFirmwareChange('1.0.0', 'next')).toThrow(InvalidFirmwareVersionError)
    expect(() => classifyFirmwareChange(undefined, '')).toThrow('Firmware version is required.')
  })
})

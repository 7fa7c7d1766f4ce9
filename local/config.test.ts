import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from './config.ts'

describe('FLEETDECK_TOKEN_LIFETIME_SECONDS', () => {
  it('is absent unless set', () => {
    expect(readConfig({})).not.toHaveProperty('tokenLifetimeCapSeconds')
    expect(readConfig({ FLEETDECK_TOKEN_LIFETIME_SECONDS: '' })).not.toHaveProperty(
      'tokenLifetimeCapSeconds',
    )
  })

  it('caps token lifetimes at a whole number of seconds', () => {
    expect(readConfig({ FLEETDECK_TOKEN_LIFETIME_SECONDS: '2' }).tokenLifetimeCapSeconds).toBe(2)
    expect(readConfig({ FLEETDECK_TOKEN_LIFETIME_SECONDS: '90' }).tokenLifetimeCapSeconds).toBe(90)
  })

  it.each(['0', '-5', '1.5', '2s', 'abc', ' 2', '1e3', '99999999999999999999'])(
    'refuses "%s" with a ConfigError naming the variable',
    (raw) => {
      const read = () => readConfig({ FLEETDECK_TOKEN_LIFETIME_SECONDS: raw })
      expect(read).toThrow(ConfigError)
      expect(read).toThrow(
        `FLEETDECK_TOKEN_LIFETIME_SECONDS must be a positive whole number of seconds; got "${raw}".`,
      )
    },
  )
})

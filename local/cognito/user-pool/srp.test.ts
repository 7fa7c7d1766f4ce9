import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  createPasswordVerifier,
  createServerEphemeral,
  passwordAuthenticationKey,
  passwordClaimSignature,
  passwordMatches,
  srpPoolName,
} from './srp.ts'
import { formatSrpTimestamp, parseSrpTimestamp } from './srp-timestamp.ts'
import { loadAmplifySrp } from '../../testing/amplify-srp.ts'

/**
 * The server maths checked against Amplify's own client helper, the code
 * that runs in the dashboard: if both agree on the signature, sign-in works.
 */
const userPoolId = 'us-east-1_AbC123xyz'
const poolName = srpPoolName(userPoolId)

async function clientSignature(
  password: string,
  stored = createPasswordVerifier(poolName, 'alice', 'Correct-h0rse'),
) {
  const srp = await loadAmplifySrp()
  const { BigInteger } = srp
  const helper = await srp.getAuthenticationHelper(poolName)
  const aHex = helper.A.toString(16)
  const ephemeral = createServerEphemeral(stored.verifier)
  const secretBlock = randomBytes(64).toString('base64')
  const hkdf = await helper.getPasswordAuthenticationKey({
    username: 'alice',
    password,
    serverBValue: new BigInteger(ephemeral.B, 16),
    salt: new BigInteger(stored.salt, 16),
  })
  const timestamp = srp.getNowString()
  const signature = srp.getSignatureString({
    userPoolName: poolName,
    username: 'alice',
    challengeParameters: { SECRET_BLOCK: secretBlock },
    dateNow: timestamp,
    hkdf,
  })
  const key = passwordAuthenticationKey(aHex, ephemeral, stored.verifier)
  const expected = key && passwordClaimSignature(key, poolName, 'alice', secretBlock, timestamp)
  return { signature, expected, timestamp }
}

describe('SRP-6a against Amplify', () => {
  it('derives the same password claim signature for the right password', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { signature, expected } = await clientSignature('Correct-h0rse')
      expect(signature).toBe(expected)
    }
  })

  it('derives a different signature for a wrong password', async () => {
    const { signature, expected } = await clientSignature('Wrong-h0rse')
    expect(expected).toBeDefined()
    expect(signature).not.toBe(expected)
  })

  it('accepts Amplify’s timestamp as canonical', async () => {
    const { timestamp } = await clientSignature('Correct-h0rse')
    expect(parseSrpTimestamp(timestamp).kind).toBe('ok')
  })
})

describe('password verifiers', () => {
  it('check a password without storing it', () => {
    const stored = createPasswordVerifier(poolName, 'bob', 'Sec-ret-123')
    expect(JSON.stringify(stored)).not.toContain('Sec-ret-123')
    expect(passwordMatches(stored, poolName, 'bob', 'Sec-ret-123')).toBe(true)
    expect(passwordMatches(stored, poolName, 'bob', 'Sec-ret-124')).toBe(false)
    expect(passwordMatches(stored, poolName, 'carol', 'Sec-ret-123')).toBe(false)
  })
})

describe('SRP timestamps', () => {
  it('formats as Cognito and Amplify do: day not padded, time padded', () => {
    expect(formatSrpTimestamp(Date.UTC(2026, 2, 3, 9, 5, 7))).toBe('Tue Mar 3 09:05:07 UTC 2026')
  })

  it('tells malformed text from a non-canonical date', () => {
    expect(parseSrpTimestamp('2026-03-03T09:05:07Z').kind).toBe('malformed')
    expect(parseSrpTimestamp('Tue Mar 03 09:05:07 UTC 2026').kind).toBe('noncanonical')
    expect(parseSrpTimestamp('Wed Mar 3 09:05:07 UTC 2026').kind).toBe('noncanonical')
    expect(parseSrpTimestamp('Tue Mar 3 09:05:07 PST 2026').kind).toBe('noncanonical')
    expect(parseSrpTimestamp('Tue Mar 3 09:05:07 UTC 2026')).toEqual({
      kind: 'ok',
      ms: Date.UTC(2026, 2, 3, 9, 5, 7),
    })
  })
})

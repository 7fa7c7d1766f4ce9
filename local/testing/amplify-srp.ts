import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Amplify's own SRP client helpers (@aws-amplify/auth, internal), so tests
 * can check the server's maths against the code the dashboard runs and
 * answer PASSWORD_VERIFIER challenges by hand through the SDK.
 */
export interface AmplifyBigInteger {
  toString(radix: number): string
}

export interface AmplifyAuthenticationHelper {
  readonly A: AmplifyBigInteger
  getPasswordAuthenticationKey(input: {
    username: string
    password: string
    serverBValue: AmplifyBigInteger
    salt: AmplifyBigInteger
  }): Promise<Uint8Array>
}

export interface AmplifySrp {
  getAuthenticationHelper(poolName: string): Promise<AmplifyAuthenticationHelper>
  getNowString(): string
  getSignatureString(input: {
    userPoolName: string
    username: string
    challengeParameters: Record<string, string>
    dateNow: string
    hkdf: Uint8Array
  }): string
  readonly BigInteger: new (value: string, radix: number) => AmplifyBigInteger
}

// @aws-amplify/auth is a dependency of aws-amplify, not of this package: resolve it from there.
const amplifyRequire = createRequire(
  createRequire(import.meta.url).resolve('aws-amplify/package.json'),
)
const srpDir = join(
  dirname(amplifyRequire.resolve('@aws-amplify/auth/package.json')),
  'dist/esm/providers/cognito/utils/srp',
)

export async function loadAmplifySrp(): Promise<AmplifySrp> {
  const srp = (await import(pathToFileURL(join(srpDir, 'index.mjs')).href)) as Omit<
    AmplifySrp,
    'BigInteger'
  >
  const { BigInteger } = (await import(
    pathToFileURL(join(srpDir, 'BigInteger/index.mjs')).href
  )) as Pick<AmplifySrp, 'BigInteger'>
  return { ...srp, BigInteger }
}

/** The PASSWORD_VERIFIER answer Amplify would send for these challenge parameters. */
export async function answerPasswordVerifier(
  srp: AmplifySrp,
  helper: AmplifyAuthenticationHelper,
  userPoolId: string,
  password: string,
  challenge: Readonly<Record<string, string>>,
  timestamp: string = srp.getNowString(),
): Promise<Record<string, string>> {
  const userPoolName = userPoolId.split('_')[1] ?? ''
  const username = challenge.USER_ID_FOR_SRP ?? ''
  const hkdf = await helper.getPasswordAuthenticationKey({
    username,
    password,
    serverBValue: new srp.BigInteger(challenge.SRP_B ?? '', 16),
    salt: new srp.BigInteger(challenge.SALT ?? '', 16),
  })
  return {
    USERNAME: username,
    PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK ?? '',
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: srp.getSignatureString({
      userPoolName,
      username,
      challengeParameters: { SECRET_BLOCK: challenge.SECRET_BLOCK ?? '' },
      dateNow: timestamp,
      hkdf,
    }),
  }
}

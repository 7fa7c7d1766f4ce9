import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { PasswordVerifier } from '../records.ts'

/**
 * The server half of Cognito's SRP-6a, written to agree bit for bit with
 * Amplify's client (@aws-amplify/auth providers/cognito/utils/srp): the
 * 3072-bit group of RFC 5054 with g = 2, hashes over the minimal
 * two's-complement hex of each number (Java's BigInteger.toByteArray, which
 * Cognito's server uses), x = H(salt | H(poolName | userId | ":" | password)),
 * and the session key HKDF(S, salt = u, info = "Caldera Derived Key" 0x01)
 * cut to 16 bytes. Only the salt and the verifier g^x mod N are stored.
 */
export const SRP_N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
)
export const SRP_G = 2n

/** Even-length hex of a non-negative integer, with 00 in front when the top bit is set. */
export function padHex(value: bigint): string {
  let hex = value.toString(16)
  if (hex.length % 2 !== 0) hex = `0${hex}`
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const hashHex = (hex: string) => sha256(Buffer.from(hex, 'hex'))
const toBigInt = (hex: string) => BigInt(`0x${hex}`)

export const SRP_K = toBigInt(hashHex(padHex(SRP_N) + padHex(SRP_G)))

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n
  let square = ((base % modulus) + modulus) % modulus
  let rest = exponent
  while (rest > 0n) {
    if (rest & 1n) result = (result * square) % modulus
    square = (square * square) % modulus
    rest >>= 1n
  }
  return result
}

/** The pool name in SRP is the part of the pool id after the underscore. */
export const srpPoolName = (userPoolId: string) => userPoolId.split('_')[1] ?? ''

function privateKeyX(saltHex: string, poolName: string, userId: string, password: string): bigint {
  const identityHash = sha256(`${poolName}${userId}:${password}`)
  return toBigInt(hashHex(padHex(toBigInt(saltHex)) + identityHash))
}

export function createPasswordVerifier(
  poolName: string,
  userId: string,
  password: string,
  random: (size: number) => Buffer = randomBytes,
): PasswordVerifier {
  const salt = random(16).toString('hex')
  const x = privateKeyX(salt, poolName, userId, password)
  return { salt, verifier: modPow(SRP_G, x, SRP_N).toString(16) }
}

/** USER_PASSWORD_AUTH: the password is right when it yields the stored verifier. */
export function passwordMatches(
  stored: PasswordVerifier,
  poolName: string,
  userId: string,
  password: string,
): boolean {
  const x = privateKeyX(stored.salt, poolName, userId, password)
  return modPow(SRP_G, x, SRP_N) === toBigInt(stored.verifier)
}

export interface ServerEphemeral {
  /** The secret exponent, kept on the server until the client answers. */
  readonly b: bigint
  /** SRP_B as Cognito sends it: lowercase hex. */
  readonly B: string
}

/** B = k·v + g^b mod N, never 0 mod N (RFC 5054 §2.6). */
export function createServerEphemeral(
  verifierHex: string,
  random: (size: number) => Buffer = randomBytes,
): ServerEphemeral {
  const v = toBigInt(verifierHex)
  for (;;) {
    const b = toBigInt(random(32).toString('hex'))
    const B = (SRP_K * v + modPow(SRP_G, b, SRP_N)) % SRP_N
    if (B !== 0n) return { b, B: B.toString(16) }
  }
}

/** A hex SRP_A that is usable: well formed and not 0 mod N (RFC 5054 §2.5.4 aborts otherwise). */
export function isValidClientEphemeral(aHex: string): boolean {
  return /^[0-9a-fA-F]{1,1024}$/.test(aHex) && toBigInt(aHex) % SRP_N !== 0n
}

const HKDF_INFO = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])])

/**
 * The 16-byte key both sides derive: S = (A·v^u)^b mod N on the server,
 * (B − k·g^x)^(a + u·x) on the client. Undefined when u is 0, which the
 * client also refuses.
 */
export function passwordAuthenticationKey(
  aHex: string,
  ephemeral: ServerEphemeral,
  verifierHex: string,
): Buffer | undefined {
  const A = toBigInt(aHex)
  const u = toBigInt(hashHex(padHex(A) + padHex(toBigInt(ephemeral.B))))
  if (u === 0n) return undefined
  const v = toBigInt(verifierHex)
  const S = modPow((A * modPow(v, u, SRP_N)) % SRP_N, ephemeral.b, SRP_N)
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest()
  return createHmac('sha256', prk).update(HKDF_INFO).digest().subarray(0, 16)
}

/** PASSWORD_CLAIM_SIGNATURE: HMAC(key, poolName | userId | SECRET_BLOCK bytes | TIMESTAMP), base64. */
export function passwordClaimSignature(
  key: Buffer,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): string {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(Buffer.from(secretBlock, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64')
}

import { randomInt } from 'node:crypto'
import { ACCOUNT_ID, REGION } from '../config.ts'

/** Identifiers in Cognito's shapes, so code that parses them (Amplify reads the region off a pool id) works. */
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789'

const randomText = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('')

/** e.g. us-east-1_Ab3dE6gH9 */
export const newUserPoolId = () => `${REGION}_${randomText(ALPHANUMERIC, 9)}`
/** 26 lowercase letters and digits, as Cognito's app client ids. */
export const newClientId = () => randomText(LOWER_ALPHANUMERIC, 26)

export const userPoolArn = (userPoolId: string) =>
  `arn:aws:cognito-idp:${REGION}:${ACCOUNT_ID}:userpool/${userPoolId}`
export const identityPoolArn = (identityPoolId: string) =>
  `arn:aws:cognito-identity:${REGION}:${ACCOUNT_ID}:identitypool/${identityPoolId}`

/** awsJson1.1 timestamps: epoch seconds in a JSON number. */
export const epochSeconds = (ms: number) => ms / 1000

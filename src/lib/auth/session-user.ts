import { ROLE_GROUPS } from '@domain/permissions.ts'

export type DashboardRole = 'operator' | 'viewer'

export interface SessionUser {
  readonly username: string
  /** Undefined when the user is in neither Fleetdeck group: they may sign in but see nothing. */
  readonly role: DashboardRole | undefined
  readonly groups: readonly string[]
  /** When the ID token expires (epoch ms); the session refreshes shortly before. */
  readonly tokenExpiresAtMs: number
  readonly tokenIssuedAtMs: number
  /** When this page received the token (local clock); unknown for tokens found in storage. */
  readonly tokenReceivedAtMs?: number
}

/**
 * The role the identity pool will choose from the ID token's groups. The
 * operator group wins, as its lower precedence makes it win in Cognito
 * (`cognito:preferred_role`). The UI only reflects the role: IAM enforces it.
 */
export function roleOfGroups(groups: readonly string[]): DashboardRole | undefined {
  if (groups.includes(ROLE_GROUPS.operator)) return 'operator'
  if (groups.includes(ROLE_GROUPS.viewer)) return 'viewer'
  return undefined
}

export function sessionUserOf(
  idTokenPayload: Record<string, unknown>,
  receivedAtMs?: number,
): SessionUser {
  const rawGroups = idTokenPayload['cognito:groups']
  const groups = Array.isArray(rawGroups)
    ? rawGroups.filter((group): group is string => typeof group === 'string')
    : []
  const username = [idTokenPayload['email'], idTokenPayload['cognito:username']].find(
    (value): value is string => typeof value === 'string',
  )
  const exp = idTokenPayload['exp']
  const iat = idTokenPayload['iat']
  return {
    username: username ?? 'unknown user',
    role: roleOfGroups(groups),
    groups,
    tokenExpiresAtMs: typeof exp === 'number' ? exp * 1000 : 0,
    tokenIssuedAtMs: typeof iat === 'number' ? iat * 1000 : 0,
    ...(receivedAtMs === undefined ? {} : { tokenReceivedAtMs: receivedAtMs }),
  }
}

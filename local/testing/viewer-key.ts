import { adminCredentials } from '../iam/temporary-credentials.ts'
import type { CredentialDirectory } from '../edge/authenticate.ts'

/**
 * A long-lived viewer key beside the admin's, for contract tests that check
 * what a viewer may do without signing in through Cognito first (the
 * Cognito tests show the signed-in path gives the same principal role).
 */
export const VIEWER_KEY = { accessKeyId: 'viewer-key', secretAccessKey: 'viewer-secret' }

export const withViewerKey: CredentialDirectory = {
  lookup: (accessKeyId) =>
    accessKeyId === VIEWER_KEY.accessKeyId
      ? {
          credentials: VIEWER_KEY,
          principal: { role: 'viewer', accessKeyId, arn: 'arn:aws:iam::000000000000:user/viewer' },
        }
      : adminCredentials.lookup(accessKeyId),
}

/**
 * Jobs reaching more devices than this need a typed confirmation, unless
 * config.json's `jobConfirmationThreshold` says otherwise: the wizard, a
 * retry of failed devices and a rollback apply the same rule.
 */
export const DEFAULT_CONFIRMATION_THRESHOLD = 50

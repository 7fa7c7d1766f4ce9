/** What the policy store keeps. Times are emulated epoch milliseconds. */
export interface PolicyRecord {
  readonly policyName: string
  readonly policyArn: string
  /** The document exactly as given; CreatePolicy makes version 1, the default. */
  readonly policyDocument: string
  readonly defaultVersionId: string
  readonly generationId: string
  readonly creationDateMs: number
  readonly lastModifiedDateMs: number
}

/** A policy attached to a target (a certificate ARN here). */
export interface PolicyTargetRecord {
  readonly policyName: string
  readonly target: string
}

export interface PoliciesSchema {
  policies: PolicyRecord
  policyTargets: PolicyTargetRecord
}

export const policyTargetKey = (policyName: string, target: string) => `${policyName}|${target}`

import type { SubmissionTargets } from '../api/submit-firmware-job.ts'
import type { JobTargetChoice } from './job-target.ts'

export interface ResolvedTarget {
  readonly target: JobTargetChoice
  /**
   * What CreateJob targets: thing or group ARNs, the things a SNAPSHOT query
   * matched, or a dynamic group for a CONTINUOUS query. Undefined for a query
   * until the options step has chosen between the two.
   */
  readonly targets: SubmissionTargets | undefined
}

/** A snapshot query's preflight is over the very things it matched. */
export function preflightTargetOf(
  resolved: ResolvedTarget | undefined,
): JobTargetChoice | undefined {
  if (resolved === undefined) return undefined
  return resolved.target.kind === 'query' && resolved.targets?.kind === 'arns'
    ? {
        kind: 'things',
        thingNames: resolved.targets.arns.map((arn) => arn.slice(arn.indexOf(':thing/') + 7)),
      }
    : resolved.target
}

export function targetLabelOf({ target, targets }: ResolvedTarget): string {
  switch (target.kind) {
    case 'thing':
      return `Thing ${target.thingName}`
    case 'things':
      return `${target.thingNames.length} things: ${target.thingNames.slice(0, 5).join(', ')}${target.thingNames.length > 5 ? ', …' : ''}`
    case 'group':
      return `Thing group ${target.thingGroupName}`
    case 'query':
      return targets?.kind === 'arns'
        ? `Query ${target.queryString}: the ${targets.arns.length} things it matches now (snapshot; no group is created)`
        : `Query ${target.queryString}: a new dynamic thing group fleetdeck-<job id>, which stays for as long as the continuous job runs`
  }
}

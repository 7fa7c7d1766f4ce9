import { parseJobTargetArn } from '@domain/arn.ts'
import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'
import { MAX_QUERY_TERMS, queryValue } from '@domain/fleet-index-query.ts'
import { thingNameQueries } from './preflight-queries.ts'

/**
 * Fleet-index queries for the devices of a job's target that report a
 * firmware version other than the one the job installed: the only devices
 * that can be "succeeded but reverted". Asking the index for them, rather
 * than describing every SUCCEEDED execution, keeps the check's cost to the
 * few devices that differ. Devices that report no version at all are not
 * candidates (nothing says they run another version). A group target is one
 * query (`thingGroupNames`); thing targets are asked by name, as many names
 * a query as AWS's 12 terms leave room for beside the two version terms.
 * https://docs.aws.amazon.com/iot/latest/developerguide/query-syntax.html
 */
const VERSION_TERMS = 2
export const NAMES_PER_REVERTED_QUERY = MAX_QUERY_TERMS - VERSION_TERMS

const otherVersion = (version: string) =>
  `${FIRMWARE_VERSION_INDEX_FIELD}:* AND NOT ${FIRMWARE_VERSION_INDEX_FIELD}:${queryValue(version)}`

export function revertedCandidateQueries(targets: readonly string[], version: string): string[] {
  const groups: string[] = []
  const things: string[] = []
  for (const arn of targets) {
    const target = parseJobTargetArn(arn)
    if (target?.kind === 'thinggroup') groups.push(target.name)
    else if (target?.kind === 'thing') things.push(target.name)
  }
  return [
    ...[...new Set(groups)].map(
      (group) => `thingGroupNames:${queryValue(group)} AND ${otherVersion(version)}`,
    ),
    ...thingNameQueries([...new Set(things)], NAMES_PER_REVERTED_QUERY).map(
      (names) => `(${names}) AND ${otherVersion(version)}`,
    ),
  ]
}

import { parseJobTargetArn } from '@domain/arn.ts'
import { paths } from '@/config/paths.ts'

/**
 * A job's targets as the operator knows them: thing and thing-group names
 * linking to their fleet pages. An ARN that names neither (another partition's
 * shape, a future resource type) is shown as it is, without a link.
 */
export type JobTargetLink =
  | { readonly kind: 'thing' | 'thinggroup'; readonly name: string; readonly href: string }
  | { readonly kind: 'other'; readonly arn: string }

export function jobTargetLinkOf(arn: string): JobTargetLink {
  const target = parseJobTargetArn(arn)
  if (target === undefined) return { kind: 'other', arn }
  return {
    kind: target.kind,
    name: target.name,
    href: target.kind === 'thing' ? paths.fleet.thing(target.name) : paths.fleet.group(target.name),
  }
}

/** Groups first (they usually say more), then things, each in the order the job lists them. */
export function jobTargetLinksOf(arns: readonly string[]): JobTargetLink[] {
  const links = arns.map(jobTargetLinkOf)
  const rank = (link: JobTargetLink) =>
    link.kind === 'thinggroup' ? 0 : link.kind === 'thing' ? 1 : 2
  return links
    .map((link, index) => ({ link, index }))
    .sort((a, b) => rank(a.link) - rank(b.link) || a.index - b.index)
    .map(({ link }) => link)
}

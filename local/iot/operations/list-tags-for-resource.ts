import { invalidRequest, notImplemented, resourceNotFound } from '../../edge/aws-error.ts'
import { assertPermitted } from '../../edge/authorize.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import { ACCOUNT_ID, REGION } from '../../config.ts'
import type { JobEngine } from '../../jobs/job-engine.ts'

/**
 * AWS caps a resource at 50 tags, so one page always holds them all; the
 * token is still honoured (and a forged one refused) as for any list.
 * https://docs.aws.amazon.com/iot/latest/developerguide/tagging-iot.html
 */
const TAGS_PER_PAGE = 50

/** arn:{partition}:iot:{region}:{account}:{resourceType}/{name} */
const IOT_ARN = /^arn:aws[a-zA-Z-]*:iot:([a-z0-9-]+):(\d{12}):([a-z]+)\/(.+)$/

/**
 * ListTagsForResource (`GET /tags?resourceArn=…`), for job ARNs: CreateJob
 * stores a job's tags. Other IoT resources (thing groups, thing types,
 * templates, …) do not keep their tags here — CreateThingGroup drops them —
 * so answering "no tags" for them would be a lie: they answer NotImplemented.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListTagsForResource.html
 */
export const listTagsForResource = (engine: JobEngine): Operation => ({
  name: 'ListTagsForResource',
  handle: ({ query, principal }) => {
    const resourceArn = query.get('resourceArn') ?? ''
    if (resourceArn === '') throw invalidRequest('resourceArn is required.')
    // The edge checked the action on the account; IAM checks it on the resource itself.
    assertPermitted(principal, 'iot:ListTagsForResource', resourceArn)
    const match = IOT_ARN.exec(resourceArn)
    if (match === null) throw invalidRequest(`${resourceArn} is not an AWS IoT resource ARN.`)
    const [, region, accountId, resourceType, name = ''] = match
    if (resourceType !== 'job') {
      throw notImplemented(`ListTagsForResource on ${resourceType} resources (job ARNs only)`)
    }
    const job = region === REGION && accountId === ACCOUNT_ID ? engine.getJob(name) : undefined
    if (job === undefined) throw resourceNotFound(`Resource ${resourceArn} cannot be found.`)
    const tags = (job.tags ?? []).map((tag) =>
      tag.Value === undefined ? { Key: tag.Key } : { Key: tag.Key, Value: tag.Value },
    )
    const page = paginate(tags, query, `ListTagsForResource ${resourceArn}`, {
      limit: TAGS_PER_PAGE,
    })
    return { tags: page.items, nextToken: page.nextToken }
  },
})

import { invalidRequest } from '../../edge/aws-error.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import type { DeviceShadows } from '../device-shadows.ts'
import { thingNameProblem } from '../shadow-names.ts'

/** The model's bound for pageSize. */
export const MAX_PAGE_SIZE = 100

/**
 * GET /api/things/shadow/ListNamedShadowsForThing/{thingName}: the named
 * shadows only ("the unnamed (classic) shadow does not appear in this list"),
 * and an empty list for a thing that does not exist.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-rest-api.html#API_ListNamedShadowsForThing
 */
export const listNamedShadowsForThing = (shadows: DeviceShadows): Operation => ({
  name: 'ListNamedShadowsForThing',
  handle: ({ params, query }) => {
    const thingName = params.thingName ?? ''
    const problem = thingNameProblem(thingName)
    if (problem !== undefined) throw invalidRequest(problem)
    const page = paginate(
      shadows.namedShadowsOf(thingName),
      query,
      `ListNamedShadowsForThing|${thingName}`,
      { limit: MAX_PAGE_SIZE, sizeName: 'pageSize' },
    )
    return {
      results: page.items,
      nextToken: page.nextToken,
      timestamp: shadows.timestampSeconds(),
    }
  },
})

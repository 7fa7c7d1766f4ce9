import type { Operation } from '../../edge/service.ts'
import type { DeviceShadows } from '../device-shadows.ts'
import { ShadowRejection } from '../shadow-request.ts'
import { documentPayload, shadowException, shadowNameOf } from './shadow-http.ts'

/** GET /things/{thingName}/shadow?name=: the shadow document with its delta. */
export const getThingShadow = (shadows: DeviceShadows): Operation => ({
  name: 'GetThingShadow',
  handle: ({ params, query }) => {
    const result = shadows.getThingShadow(params.thingName ?? '', shadowNameOf(query))
    if (result instanceof ShadowRejection) throw shadowException(result)
    return documentPayload(result)
  },
})

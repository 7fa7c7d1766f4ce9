import type { Operation } from '../../edge/service.ts'
import type { DeviceShadows } from '../device-shadows.ts'
import { ShadowRejection } from '../shadow-request.ts'
import { documentPayload, shadowException, shadowNameOf } from './shadow-http.ts'

/** DELETE /things/{thingName}/shadow?name=: answers `{"version", "timestamp"}` of the deleted shadow. */
export const deleteThingShadow = (shadows: DeviceShadows): Operation => ({
  name: 'DeleteThingShadow',
  handle: async ({ params, query }) => {
    const result = await shadows.deleteThingShadow(params.thingName ?? '', shadowNameOf(query))
    if (result instanceof ShadowRejection) throw shadowException(result)
    return documentPayload(result)
  },
})

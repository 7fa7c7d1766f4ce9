import type { Operation } from '../../edge/service.ts'
import type { DeviceShadows } from '../device-shadows.ts'
import { ShadowRejection } from '../shadow-request.ts'
import { documentPayload, shadowException, shadowNameOf } from './shadow-http.ts'

/**
 * POST /things/{thingName}/shadow?name=: the body is the request state
 * document as bytes. Subscribers hear of the change on MQTT as for an
 * update published there.
 */
export const updateThingShadow = (shadows: DeviceShadows): Operation => ({
  name: 'UpdateThingShadow',
  blobBody: true,
  handle: async ({ params, query, body }) => {
    const payload = body instanceof Uint8Array ? body : new Uint8Array()
    const result = await shadows.updateThingShadow(
      params.thingName ?? '',
      shadowNameOf(query),
      payload,
    )
    if (result instanceof ShadowRejection) throw shadowException(result)
    return documentPayload(result)
  },
})

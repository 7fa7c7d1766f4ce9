import { Service } from '../edge/service.ts'
import type { DeviceShadows } from './device-shadows.ts'
import { deleteThingShadow } from './operations/delete-thing-shadow.ts'
import { getThingShadow } from './operations/get-thing-shadow.ts'
import { listNamedShadowsForThing } from './operations/list-named-shadows-for-thing.ts'
import { updateThingShadow } from './operations/update-thing-shadow.ts'

/**
 * The shadow operations of the IoT data plane, signed for `iotdata` as
 * `@aws-sdk/client-iot-data-plane` signs them. Their IAM actions are
 * `iot:GetThingShadow` and so on: the data plane's actions carry the `iot`
 * prefix.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiot.html
 */
export function createShadowDataPlane(shadows: DeviceShadows): Service {
  return new Service('the IoT data plane (device shadows)', 'iot')
    .route('GET', '/things/{thingName}/shadow', getThingShadow(shadows))
    .route('POST', '/things/{thingName}/shadow', updateThingShadow(shadows))
    .route('DELETE', '/things/{thingName}/shadow', deleteThingShadow(shadows))
    .route(
      'GET',
      '/api/things/shadow/ListNamedShadowsForThing/{thingName}',
      listNamedShadowsForThing(shadows),
    )
}

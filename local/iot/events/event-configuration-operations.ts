import { invalidRequest } from '../../edge/aws-error.ts'
import { bodyObject, optionalBoolean, optionalObject } from '../../edge/input.ts'
import type { Operation } from '../../edge/service.ts'
import { controlPlaneTime } from '../../edge/timestamps.ts'
import type { EventConfigurations } from './event-configurations.ts'
import { EVENT_TYPES, type EventType } from './records.ts'

/**
 * UpdateEventConfigurations (PATCH /event-configurations) and
 * DescribeEventConfigurations (GET /event-configurations). Describe lists
 * every event type, enabled or not, as AWS does.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_UpdateEventConfigurations.html
 */
const isEventType = (name: string): name is EventType =>
  (EVENT_TYPES as readonly string[]).includes(name)

export const updateEventConfigurations = (configurations: EventConfigurations): Operation => ({
  name: 'UpdateEventConfigurations',
  handle: ({ body: rawBody }) => {
    const requested = optionalObject(bodyObject(rawBody), 'eventConfigurations') ?? {}
    const changes: Partial<Record<EventType, boolean>> = {}
    for (const type of Object.keys(requested)) {
      if (!isEventType(type)) {
        throw invalidRequest(`${type} is not an event type; use one of ${EVENT_TYPES.join(', ')}.`)
      }
      const member = optionalObject(requested, type) ?? {}
      changes[type] = optionalBoolean(member, 'Enabled') ?? false
    }
    configurations.update(changes)
    return undefined
  },
})

export const describeEventConfigurations = (configurations: EventConfigurations): Operation => ({
  name: 'DescribeEventConfigurations',
  handle: () => {
    const current = configurations.current()
    return {
      eventConfigurations: Object.fromEntries(
        EVENT_TYPES.map((type) => [type, { Enabled: current?.enabled[type] === true }]),
      ),
      creationDate: controlPlaneTime(current?.creationDateMs),
      lastModifiedDate: controlPlaneTime(current?.lastModifiedDateMs),
    }
  },
})

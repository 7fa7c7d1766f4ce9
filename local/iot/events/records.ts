/**
 * The account's event configuration (UpdateEventConfigurations): which
 * event types AWS IoT publishes on `$aws/events/…`. One record, key
 * `account`. Times are emulated epoch milliseconds.
 */
export const EVENT_TYPES = [
  'THING',
  'THING_GROUP',
  'THING_TYPE',
  'THING_GROUP_MEMBERSHIP',
  'THING_GROUP_HIERARCHY',
  'THING_TYPE_ASSOCIATION',
  'JOB',
  'JOB_EXECUTION',
  'POLICY',
  'CERTIFICATE',
  'CA_CERTIFICATE',
] as const

export type EventType = (typeof EVENT_TYPES)[number]

export interface EventConfigurationsRecord {
  readonly enabled: Readonly<Partial<Record<EventType, boolean>>>
  readonly creationDateMs: number
  readonly lastModifiedDateMs: number
}

export interface EventConfigurationsSchema {
  eventConfigurations: EventConfigurationsRecord
}

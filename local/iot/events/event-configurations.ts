import type { Clock } from '../../clock.ts'
import type { Store } from '../../store/store.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { EventConfigurationsRecord, EventType } from './records.ts'

const KEY = 'account'

/**
 * The account's event configuration in the store. Every event type starts
 * disabled, as in a new AWS account; of those the local cloud publishes JOB
 * and JOB_EXECUTION (local/jobs/events), and keeps the others' settings only.
 * https://docs.aws.amazon.com/iot/latest/developerguide/iot-events.html
 */
export class EventConfigurations {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly clock: Clock,
  ) {}

  current(): EventConfigurationsRecord | undefined {
    return this.store.get('eventConfigurations', KEY)
  }

  isEnabled(type: EventType): boolean {
    return this.current()?.enabled[type] === true
  }

  /** Sets the types given and leaves the others as they were. */
  update(changes: Readonly<Partial<Record<EventType, boolean>>>): EventConfigurationsRecord {
    const now = this.clock.now()
    const previous = this.current()
    const next: EventConfigurationsRecord = {
      enabled: { ...previous?.enabled, ...changes },
      creationDateMs: previous?.creationDateMs ?? now,
      lastModifiedDateMs: now,
    }
    this.store.put('eventConfigurations', KEY, next)
    return next
  }
}

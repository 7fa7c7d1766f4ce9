import { invalidRequest } from '../../../edge/aws-error.ts'
import { bodyObject } from '../../../edge/input.ts'
import type { Operation } from '../../../edge/service.ts'
import type { Registry } from '../../registry.ts'
import type { FleetIndex } from '../fleet-index.ts'
import {
  describeIndexingConfiguration,
  readIndexingConfiguration,
} from '../indexing-configuration.ts'

export const updateIndexingConfiguration = (index: FleetIndex, registry: Registry): Operation => ({
  name: 'UpdateIndexingConfiguration',
  handle: ({ body }) => {
    const next = readIndexingConfiguration(bodyObject(body), index.configuration)
    // "After you enable the fleet indexing service for dynamic thing groups, you
    // cannot disable it until you delete all of your dynamic thing groups."
    if (next.thingIndexingMode === 'OFF' && registry.dynamicThingGroups().length > 0)
      throw invalidRequest(
        'Thing indexing cannot be turned off while dynamic thing groups exist; delete them first.',
      )
    index.configure(next)
    return {}
  },
})

export const getIndexingConfiguration = (index: FleetIndex): Operation => ({
  name: 'GetIndexingConfiguration',
  handle: () => describeIndexingConfiguration(index.configuration),
})

import type { Service } from '../../edge/service.ts'
import type { Registry } from '../registry.ts'
import type { FleetIndexing } from './fleet-indexing.ts'
import {
  getBucketsAggregation,
  getCardinality,
  getPercentiles,
  getStatistics,
} from './operations/aggregations.ts'
import { describeIndex, listIndices } from './operations/describe-index.ts'
import {
  createDynamicThingGroup,
  deleteDynamicThingGroup,
  updateDynamicThingGroup,
} from './operations/dynamic-thing-groups.ts'
import {
  getIndexingConfiguration,
  updateIndexingConfiguration,
} from './operations/indexing-configuration.ts'
import { searchIndex } from './operations/search-index.ts'

/** Fleet indexing and dynamic thing groups on the control plane, bound as the IoT model binds them. */
export function routeFleetIndexing(
  service: Service,
  { index, dynamicThingGroups }: FleetIndexing,
  registry: Registry,
): Service {
  return service
    .route('POST', '/indexing/config', updateIndexingConfiguration(index, registry))
    .route('GET', '/indexing/config', getIndexingConfiguration(index))
    .route('POST', '/indices/search', searchIndex(index))
    .route('POST', '/indices/statistics', getStatistics(index))
    .route('POST', '/indices/buckets', getBucketsAggregation(index))
    .route('POST', '/indices/cardinality', getCardinality(index))
    .route('POST', '/indices/percentiles', getPercentiles(index))
    .route('GET', '/indices/{indexName}', describeIndex(index))
    .route('GET', '/indices', listIndices(index))
    .route(
      'POST',
      '/dynamic-thing-groups/{thingGroupName}',
      createDynamicThingGroup(dynamicThingGroups),
    )
    .route(
      'PATCH',
      '/dynamic-thing-groups/{thingGroupName}',
      updateDynamicThingGroup(dynamicThingGroups),
    )
    .route(
      'DELETE',
      '/dynamic-thing-groups/{thingGroupName}',
      deleteDynamicThingGroup(dynamicThingGroups),
    )
}

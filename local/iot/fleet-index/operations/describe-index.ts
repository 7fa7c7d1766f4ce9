import { resourceNotFound } from '../../../edge/aws-error.ts'
import type { Operation } from '../../../edge/service.ts'
import type { FleetIndex } from '../fleet-index.ts'
import { THINGS_INDEX } from '../index-queries.ts'
import type { IndexingConfigurationRecord } from '../records.ts'

/**
 * DescribeIndex and ListIndices for the thing index. It is built as soon as
 * it is configured, so it is always ACTIVE.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeIndex.html
 */
function schemaOf(config: IndexingConfigurationRecord): string {
  if (config.namedShadowIndexingMode === 'ON') return 'MULTI_INDEXING_MODE'
  const shadow = config.thingIndexingMode === 'REGISTRY_AND_SHADOW' ? '_AND_SHADOW' : ''
  const connectivity =
    config.thingConnectivityIndexingMode === 'STATUS' ? '_AND_CONNECTIVITY_STATUS' : ''
  return `REGISTRY${shadow}${connectivity}`
}

export const describeIndex = (index: FleetIndex): Operation => ({
  name: 'DescribeIndex',
  handle: ({ params }) => {
    const indexName = params.indexName ?? ''
    if (indexName !== THINGS_INDEX || !index.isOn)
      throw resourceNotFound(`Index ${indexName} does not exist.`)
    return { indexName, indexStatus: 'ACTIVE', schema: schemaOf(index.configuration) }
  },
})

export const listIndices = (index: FleetIndex): Operation => ({
  name: 'ListIndices',
  handle: () => ({ indexNames: index.isOn ? [THINGS_INDEX] : [] }),
})

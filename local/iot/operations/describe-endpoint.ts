import { invalidRequest } from '../../edge/aws-error.ts'
import type { Operation } from '../../edge/service.ts'

/**
 * DescribeEndpoint answers with the local cloud's own address for every
 * endpoint type: one edge serves the control plane, the jobs data plane and
 * (later) the device gateway. The SDK clients take it as their endpoint.
 */
const ENDPOINT_TYPES = new Set(['iot:Data', 'iot:Data-ATS', 'iot:Jobs', 'iot:CredentialProvider'])

export const describeEndpoint = (endpointAddress: () => string): Operation => ({
  name: 'DescribeEndpoint',
  handle: ({ query }) => {
    const type = query.get('endpointType') ?? 'iot:Data'
    if (!ENDPOINT_TYPES.has(type)) throw invalidRequest(`Unknown endpointType ${type}.`)
    return { endpointAddress: endpointAddress() }
  },
})

import { DescribeThingCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { fleetKeys } from './fleet-keys.ts'

/**
 * A thing's registry entry: type, attributes, ARN and version. A thing that
 * does not exist is ResourceNotFoundException, which the page shows as such.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeThing.html
 */
export interface ThingDescription {
  readonly thingName: string
  readonly thingArn?: string
  readonly thingTypeName?: string
  readonly attributes: Readonly<Record<string, string>>
  readonly version?: number
}

export async function describeThing(
  iot: IoTClient,
  thingName: string,
  signal?: AbortSignal,
): Promise<ThingDescription> {
  const output = await iot.send(new DescribeThingCommand({ thingName }), { abortSignal: signal })
  return {
    thingName: output.thingName ?? thingName,
    ...(output.thingArn === undefined ? {} : { thingArn: output.thingArn }),
    ...(output.thingTypeName === undefined ? {} : { thingTypeName: output.thingTypeName }),
    attributes: output.attributes ?? {},
    ...(output.version === undefined ? {} : { version: output.version }),
  }
}

export const describeThingOptions = (iot: IoTClient, thingName: string) =>
  queryOptions({
    queryKey: fleetKeys.thingDescription(thingName),
    queryFn: ({ signal }) => describeThing(iot, thingName, signal),
  })

export function useDescribeThing(thingName: string, { enabled = true } = {}) {
  const { iot } = useAwsClients()
  return useQuery({ ...describeThingOptions(iot, thingName), enabled })
}

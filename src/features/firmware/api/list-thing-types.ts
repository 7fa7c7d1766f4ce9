import { paginateListThingTypes, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { firmwareKeys } from './firmware-keys.ts'

/**
 * The account's thing types by name, deprecated ones left out (no new
 * things can be made of them). Each model of the fleet is a thing type, so
 * these are the models an image may be uploaded for before any exists.
 */
export async function listThingTypes(iot: IoTClient, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = []
  const pages = paginateListThingTypes(
    { client: iot, pageSize: 250 },
    {},
    // The paginator hands arguments after the input to every `send`.
    { abortSignal: signal },
  )
  for await (const page of pages) {
    for (const type of page.thingTypes ?? []) {
      if (type.thingTypeName !== undefined && type.thingTypeMetadata?.deprecated !== true)
        names.push(type.thingTypeName)
    }
  }
  return names
}

export const listThingTypesQueryOptions = (iot: IoTClient) =>
  queryOptions({
    queryKey: firmwareKeys.thingTypes(),
    queryFn: ({ signal }) => listThingTypes(iot, signal),
  })

export function useThingTypes() {
  const { iot } = useAwsClients()
  return useQuery(listThingTypesQueryOptions(iot))
}

import {
  GetThingShadowCommand,
  ResourceNotFoundException,
  type IoTDataPlaneClient,
} from '@aws-sdk/client-iot-data-plane'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { fleetKeys } from './fleet-keys.ts'
import { reportedFirmwareOf, type ReportedFirmware } from '@domain/reported-firmware.ts'

/**
 * A thing's classic shadow over the IoT data plane. The SDK hands the
 * document over as bytes (a JSON document). A thing that has never reported
 * has no shadow and GetThingShadow answers 404 ResourceNotFoundException:
 * for the page that is "no shadow yet", not a failure.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_iotdata_GetThingShadow.html
 */
export interface ThingShadow {
  /** The document as parsed; shown only as text. */
  readonly document: unknown
  /** Pretty-printed for a `<pre>`. */
  readonly text: string
  readonly firmware: ReportedFirmware
}

export function thingShadowOf(payload: Uint8Array | undefined): ThingShadow {
  const raw = new TextDecoder().decode(payload ?? new Uint8Array())
  let document: unknown
  try {
    document = JSON.parse(raw) as unknown
  } catch {
    // AWS only stores JSON; show whatever came back rather than fail the page.
    return { document: undefined, text: raw, firmware: {} }
  }
  return {
    document,
    text: JSON.stringify(document, null, 2),
    firmware: reportedFirmwareOf(document),
  }
}

/** The shadow, or null when the thing has none yet. */
export async function getThingShadow(
  iotData: IoTDataPlaneClient,
  thingName: string,
  signal?: AbortSignal,
): Promise<ThingShadow | null> {
  try {
    const output = await iotData.send(new GetThingShadowCommand({ thingName }), {
      abortSignal: signal,
    })
    return thingShadowOf(output.payload)
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null
    throw error
  }
}

export const thingShadowOptions = (iotData: IoTDataPlaneClient, thingName: string) =>
  queryOptions({
    queryKey: fleetKeys.thingShadow(thingName),
    queryFn: ({ signal }) => getThingShadow(iotData, thingName, signal),
  })

export function useThingShadow(thingName: string, { enabled = true } = {}) {
  const { iotData } = useAwsClients()
  return useQuery({ ...thingShadowOptions(iotData, thingName), enabled })
}

import { GetThingShadowCommand, type IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import type { DeviceSpec } from './fleet-runner.ts'

/**
 * A device's flash outlives the simulator: when a fleet is played again
 * (a second `npm start`), each device boots the firmware and configuration
 * its classic shadow last reported, rather than its starting version from
 * the seed. A device with no shadow yet, or one reported for another model,
 * keeps its spec. GetThingShadow over HTTPS, a few at a time.
 */
export async function resumeFromShadows(
  devices: readonly DeviceSpec[],
  iotData: IoTDataPlaneClient,
  concurrency = 8,
): Promise<DeviceSpec[]> {
  const resumed: DeviceSpec[] = [...devices]
  let next = 0
  const worker = async () => {
    while (next < devices.length) {
      const index = next++
      const spec = devices[index] as DeviceSpec
      const reported = await iotData
        .send(new GetThingShadowCommand({ thingName: spec.thingName }))
        .then(
          (out) => reportedOf(out.payload),
          () => undefined,
        )
      if (reported?.firmware?.model !== spec.model || typeof reported.firmware.version !== 'string')
        continue
      resumed[index] = {
        ...spec,
        firmwareVersion: reported.firmware.version,
        ...(isObject(reported.config) ? { configuration: reported.config } : {}),
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, devices.length) }, worker))
  return resumed
}

interface Reported {
  readonly firmware?: { readonly model?: unknown; readonly version?: unknown }
  readonly config?: unknown
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function reportedOf(payload: Uint8Array | undefined): Reported | undefined {
  if (payload === undefined) return undefined
  try {
    const document = JSON.parse(new TextDecoder().decode(payload)) as {
      state?: { reported?: Reported }
    }
    return document.state?.reported
  } catch {
    return undefined
  }
}

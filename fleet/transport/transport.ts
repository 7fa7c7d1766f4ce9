import type { DeviceEvent, JobsRequest, ReportedState } from '../device-machine.ts'

/**
 * How a device reaches the cloud. The MQTT transports (mutual TLS, plain
 * TCP) and the HTTPS device plane turn the device's requests into wire
 * traffic and the answers into device events; the device never knows which.
 */
export interface DeviceLink {
  readonly send: (request: JobsRequest) => void
  /** Reports running firmware and configuration in the device's shadows. */
  readonly report: (reported: ReportedState) => void
  readonly close: () => Promise<void>
}

export interface DeviceIdentity {
  readonly thingName: string
  readonly model: string
}

export interface Transport {
  readonly connect: (
    device: DeviceIdentity,
    handlers: {
      readonly onEvent: (event: DeviceEvent) => void
      /** The connection ended without the device asking (network drop, broker closing it). */
      readonly onClose: () => void
    },
  ) => Promise<DeviceLink>
  readonly close: () => Promise<void>
}

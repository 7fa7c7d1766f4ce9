import { initialDeviceState, type DeviceConfiguration, type JobsRequest } from './device-machine.ts'
import { createSimulatedDevice, type SimulatedDevice } from './device-runtime.ts'
import { resolveKnobs, type Knobs, type KnobsInput } from './knobs.ts'
import type { Random } from './random.ts'
import type { Scheduler } from './scheduler.ts'
import type { Transport } from './transport/transport.ts'

/** One device of a fleet file, or one of `--count` generated ones. */
export interface DeviceSpec {
  readonly thingName: string
  readonly model: string
  readonly firmwareVersion: string
  readonly configuration?: DeviceConfiguration
  readonly knobs?: Partial<KnobsInput>
}

export interface FleetOptions {
  readonly devices: readonly DeviceSpec[]
  readonly knobs?: Partial<KnobsInput>
  readonly random: Random
  readonly scheduler: Scheduler
  readonly transport: Transport
  readonly fetch?: typeof fetch
  readonly log?: (thingName: string, message: string) => void
}

export interface FleetCounters {
  /** Execution updates sent, by status. */
  readonly updatesByStatus: Record<string, number>
  updates: number
}

export interface Fleet {
  readonly devices: ReadonlyMap<string, SimulatedDevice>
  readonly offline: ReadonlySet<string>
  readonly counters: FleetCounters
  readonly start: () => void
  readonly stop: () => Promise<void>
  /** Adds a device later (a device off the manufacturing line); it starts at once. */
  readonly add: (spec: DeviceSpec) => SimulatedDevice
}

/**
 * A whole fleet on one scheduler and one transport: each device gets its
 * own random stream (forked by thing name, so runs repeat) and its knobs
 * (the fleet's, overridden by its own).
 */
export function createFleet(options: FleetOptions): Fleet {
  const devices = new Map<string, SimulatedDevice>()
  const offline = new Set<string>()
  const counters: FleetCounters = { updatesByStatus: {}, updates: 0 }
  const onUpdate = (_thingName: string, request: Extract<JobsRequest, { kind: 'update' }>) => {
    counters.updates += 1
    counters.updatesByStatus[request.status] = (counters.updatesByStatus[request.status] ?? 0) + 1
  }
  const world = {
    scheduler: options.scheduler,
    transport: options.transport,
    fetch: options.fetch ?? fetch,
    log: options.log ?? (() => undefined),
    onUpdate,
  }
  let isStarted = false

  const build = (spec: DeviceSpec): SimulatedDevice => {
    const knobs: Knobs = resolveKnobs(options.knobs, spec.knobs)
    const random = options.random.fork(spec.thingName)
    if (random.chance(knobs.offlineRate)) offline.add(spec.thingName)
    const device = createSimulatedDevice(
      initialDeviceState({
        thingName: spec.thingName,
        model: spec.model,
        firmwareVersion: spec.firmwareVersion,
        ...(spec.configuration === undefined ? {} : { configuration: spec.configuration }),
      }),
      knobs,
      random,
      world,
    )
    devices.set(spec.thingName, device)
    return device
  }
  for (const spec of options.devices) build(spec)

  return {
    devices,
    offline,
    counters,
    start: () => {
      isStarted = true
      for (const [thingName, device] of devices) if (!offline.has(thingName)) device.start()
    },
    add: (spec) => {
      const device = build(spec)
      if (isStarted && !offline.has(spec.thingName)) device.start()
      return device
    },
    stop: async () => {
      await Promise.all([...devices.values()].map((device) => device.stop()))
      await options.transport.close()
    },
  }
}

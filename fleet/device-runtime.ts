import { createHash } from 'node:crypto'
import {
  stepDevice,
  type DeviceEffect,
  type DeviceEvent,
  type DeviceState,
  type JobsRequest,
} from './device-machine.ts'
import type { Knobs } from './knobs.ts'
import type { Random } from './random.ts'
import type { Scheduler } from './scheduler.ts'
import type { DeviceLink, Transport } from './transport/transport.ts'

/**
 * Carries out a device's effects in the world: the transport for requests
 * and reports, `fetch` for downloads and uploads, the shared scheduler for
 * every delay (download time, reboot, reconnect, flapping), and the seeded
 * random source for injected failures.
 */
export interface DeviceWorld {
  readonly scheduler: Scheduler
  readonly transport: Transport
  readonly fetch: typeof fetch
  readonly log: (thingName: string, message: string) => void
  /** Every execution update the device sends, for the runner's counters. */
  readonly onUpdate?: (thingName: string, request: Extract<JobsRequest, { kind: 'update' }>) => void
}

export interface DeviceInjections {
  /** The next boot of a new image fails (a test's exact failure), besides `bootFailureRate`. */
  isNextBootFailing?: boolean
}

export interface SimulatedDevice {
  readonly thingName: string
  readonly state: () => DeviceState
  readonly isOnline: () => boolean
  readonly start: () => void
  readonly stop: () => Promise<void>
  readonly inject: DeviceInjections
  /** Drops the connection as a network would; the device reconnects after `reconnectDelayMs`. */
  readonly dropConnection: () => void
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export function createSimulatedDevice(
  initial: DeviceState,
  knobs: Knobs,
  random: Random,
  world: DeviceWorld,
): SimulatedDevice {
  let state = initial
  let link: DeviceLink | undefined
  let isStopped = false
  let isConnecting = false
  const outbox: DeviceEffect[] = []
  const inject: DeviceInjections = {}
  const cancels = new Set<() => void>()
  const { scheduler } = world
  const thingName = initial.thingName

  const later = (delayMs: number, task: () => void) => {
    const cancel = scheduler.after(random.jitter(delayMs, knobs.jitter), () => {
      cancels.delete(cancel)
      if (!isStopped) task()
    })
    cancels.add(cancel)
  }

  const dispatch = (event: DeviceEvent) => {
    if (isStopped) return
    const step = stepDevice(state, event)
    state = step.state
    for (const effect of step.effects) perform(effect)
  }

  const sendOrQueue = (effect: DeviceEffect) => {
    if (link === undefined) {
      outbox.push(effect)
      return
    }
    if (effect.kind === 'jobs') {
      if (effect.request.kind === 'update') world.onUpdate?.(thingName, effect.request)
      link.send(effect.request)
    } else if (effect.kind === 'report') {
      link.report(effect.reported)
    }
  }

  const perform = (effect: DeviceEffect) => {
    switch (effect.kind) {
      case 'jobs':
      case 'report':
        sendOrQueue(effect)
        return
      case 'log':
        world.log(thingName, effect.message)
        return
      case 'download':
        download(effect.jobId, effect.url)
        return
      case 'upload':
        upload(effect.jobId, effect.url, effect.body)
        return
      case 'reboot':
        reboot()
        return
      case 'image-confirmed':
        armWatchdog(effect.version)
        return
    }
  }

  const download = (jobId: string, url: string) => {
    // The device times its own download: statusDetails.downloadMs (docs/simulator.md).
    const startedMs = scheduler.now()
    const elapsedMs = () => scheduler.now() - startedMs
    if (random.chance(knobs.downloadFailureRate)) {
      later(knobs.rebootMs / 4, () =>
        dispatch({
          type: 'download-failed',
          jobId,
          reason: 'Injected download failure.',
          durationMs: elapsedMs(),
        }),
      )
      return
    }
    world
      .fetch(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status} from the download URL`)
        return new Uint8Array(await response.arrayBuffer())
      })
      .then(
        (bytes) => {
          const corrupt = random.chance(knobs.checksumFailureRate)
          const digest = sha256Hex(
            corrupt ? Uint8Array.from(bytes, (b, i) => (i === 0 ? b ^ 0xff : b)) : bytes,
          )
          const durationMs =
            knobs.downloadBytesPerSecond > 0
              ? (bytes.length / knobs.downloadBytesPerSecond) * 1000
              : 0
          const steps = knobs.progressReports
          for (let report = 1; report <= steps; report++) {
            const percent = (100 * report) / (steps + 1)
            later((durationMs * report) / (steps + 1), () =>
              dispatch({ type: 'download-progress', jobId, percent }),
            )
          }
          later(durationMs, () =>
            dispatch({
              type: 'downloaded',
              jobId,
              size: bytes.length,
              sha256: digest,
              text: new TextDecoder().decode(bytes),
              durationMs: elapsedMs(),
            }),
          )
        },
        (error: unknown) =>
          dispatch({
            type: 'download-failed',
            jobId,
            reason: errorText(error),
            durationMs: elapsedMs(),
          }),
      )
  }

  const upload = (jobId: string, url: string, body: string) => {
    world
      .fetch(url, { method: 'PUT', body, headers: { 'content-type': 'application/json' } })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status} from the upload URL`)
        dispatch({ type: 'uploaded', jobId })
      })
      .catch((error: unknown) =>
        dispatch({ type: 'upload-failed', jobId, reason: errorText(error) }),
      )
  }

  const disconnect = () => {
    const current = link
    link = undefined
    if (current !== undefined) void current.close().catch(() => undefined)
    dispatch({ type: 'disconnected' })
  }

  const reboot = () => {
    // RAM is lost: nothing queued survives a reboot.
    outbox.length = 0
    disconnect()
    later(knobs.rebootMs, () => {
      const isBootOk = !(
        inject.isNextBootFailing === true ||
        knobs.failingBootVersions.includes(state.firmwareVersion) ||
        random.chance(knobs.bootFailureRate)
      )
      inject.isNextBootFailing = false
      dispatch({ type: 'rebooted', isBootOk })
      connect()
    })
  }

  /** A build in `revertingVersions` runs fine for a while, then the watchdog resets it. */
  const armWatchdog = (version: string) => {
    if (!knobs.revertingVersions.includes(version)) return
    later(knobs.revertDelayMs, () => dispatch({ type: 'watchdog-fired', version }))
  }

  const scheduleFlap = () => {
    if (knobs.flapIntervalMs <= 0) return
    // Exponential gaps: drops arrive as a Poisson process with the given mean.
    const gapMs = -Math.log(1 - random.next()) * knobs.flapIntervalMs
    const cancel = scheduler.after(gapMs, () => {
      cancels.delete(cancel)
      if (!isStopped && link !== undefined && !state.isRebooting) dropConnection()
    })
    cancels.add(cancel)
  }

  const dropConnection = () => {
    disconnect()
    later(knobs.reconnectDelayMs, connect)
  }

  const connect = () => {
    if (isStopped || isConnecting || link !== undefined) return
    isConnecting = true
    world.transport
      .connect(
        { thingName, model: state.model },
        {
          onEvent: dispatch,
          onClose: () => {
            if (isStopped || link === undefined) return
            link = undefined
            dispatch({ type: 'disconnected' })
            later(knobs.reconnectDelayMs, connect)
          },
        },
      )
      .then(
        (connected) => {
          isConnecting = false
          if (isStopped) {
            void connected.close()
            return
          }
          link = connected
          dispatch({ type: 'connected' })
          for (const effect of outbox.splice(0)) sendOrQueue(effect)
          scheduleFlap()
        },
        (error: unknown) => {
          isConnecting = false
          world.log(thingName, `connect failed: ${errorText(error)}`)
          later(knobs.reconnectDelayMs, connect)
        },
      )
  }

  return {
    thingName,
    state: () => state,
    isOnline: () => link !== undefined,
    inject,
    start: () => later(knobs.connectDelayMs, connect),
    dropConnection,
    stop: async () => {
      isStopped = true
      for (const cancel of cancels) cancel()
      cancels.clear()
      const current = link
      link = undefined
      await current?.close().catch(() => undefined)
    },
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

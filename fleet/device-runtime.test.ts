import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type {
  DeviceEvent,
  ExecutionView,
  JobsRequest,
  ReportedState,
  StatusDetails,
} from './device-machine.ts'
import { initialDeviceState } from './device-machine.ts'
import { createSimulatedDevice } from './device-runtime.ts'
import { resolveKnobs, type KnobsInput } from './knobs.ts'
import { createRandom } from './random.ts'
import { createManualScheduler } from './scheduler.ts'
import type { Transport } from './transport/transport.ts'

/**
 * The runtime's knobs on the manual clock. The device's one link answers as
 * the Jobs device API does for a thing's own executions (start-next,
 * get-pending, describe, update), enough to run installs with their reboot;
 * the wire itself is covered by fleet/contract/version-faults.contract.test.ts.
 */
const IMAGE = new Uint8Array(2_000).fill(7)
const SHA = createHash('sha256').update(IMAGE).digest('hex')

interface Execution {
  jobId: string
  status: string
  statusDetails: StatusDetails
  document: object
}

function deviceWorld(knobs: Partial<KnobsInput>) {
  const scheduler = createManualScheduler()
  const executions: Execution[] = []
  const reports: ReportedState[] = []
  let onEvent: ((event: DeviceEvent) => void) | undefined
  const tell = (event: DeviceEvent) => queueMicrotask(() => onEvent?.(event))
  const view = (execution: Execution): ExecutionView => ({
    jobId: execution.jobId,
    status: execution.status,
    jobDocument: execution.document,
    statusDetails: execution.statusDetails,
  })
  const answer = (request: JobsRequest) => {
    const pending = executions.filter((e) => e.status === 'QUEUED' || e.status === 'IN_PROGRESS')
    switch (request.kind) {
      case 'get-pending':
        return tell({
          type: 'pending',
          inProgressJobs: pending.filter((e) => e.status === 'IN_PROGRESS'),
          queuedJobs: pending.filter((e) => e.status === 'QUEUED'),
        })
      case 'start-next': {
        const next = pending[0]
        if (next?.status === 'QUEUED') next.status = 'IN_PROGRESS'
        return tell({ type: 'started', execution: next === undefined ? undefined : view(next) })
      }
      case 'describe': {
        const found = executions.find((e) => e.jobId === request.jobId)
        return tell({ type: 'described', execution: found && view(found) })
      }
      case 'update': {
        const found = executions.find((e) => e.jobId === request.jobId)
        if (found === undefined) return
        found.status = request.status
        found.statusDetails = request.statusDetails
        return tell({ type: 'updated', jobId: request.jobId, status: request.status })
      }
    }
  }
  const transport: Transport = {
    connect: (_device, handlers) => {
      onEvent = handlers.onEvent
      return Promise.resolve({
        send: answer,
        report: (reported) => reports.push(reported),
        close: () => Promise.resolve(),
      })
    },
    close: () => Promise.resolve(),
  }
  const device = createSimulatedDevice(
    initialDeviceState({ thingName: 't1', model: 'thermostat-v1', firmwareVersion: '1.5.0' }),
    resolveKnobs({ jitter: 0, rebootMs: 1_000, ...knobs }),
    createRandom(1),
    {
      scheduler,
      transport,
      fetch: () => Promise.resolve(new Response(IMAGE)),
      log: () => undefined,
    },
  )
  /** Lets answers and fetches (promises) settle between steps of the manual clock. */
  const settle = async () => {
    for (let round = 0; round < 20; round++) await new Promise((resolve) => setImmediate(resolve))
  }
  return {
    device,
    executions,
    reports,
    advance: async (ms: number) => {
      for (let elapsed = 0; elapsed < ms; elapsed += 100) {
        scheduler.advance(Math.min(100, ms - elapsed))
        await settle()
      }
    },
    install: async (jobId: string, version: string, forced = false) => {
      executions.push({
        jobId,
        status: 'QUEUED',
        statusDetails: {},
        document: {
          operation: 'install',
          url: 'https://x/fw',
          version,
          sha256: SHA,
          size: 2_000,
          forced,
        },
      })
      onEvent?.({ type: 'notified', execution: { jobId, status: 'QUEUED' } })
      await settle()
    },
  }
}

const shadowVersion = (reports: readonly ReportedState[]) => reports.at(-1)?.firmware.version

describe('version-specific faults', () => {
  it('a version in failingBootVersions falls back and fails; going back to the previous one succeeds', async () => {
    const world = deviceWorld({ failingBootVersions: ['2.0.0'], downloadBytesPerSecond: 1_000 })
    world.device.start()
    await world.advance(100)
    await world.install('bad', '2.0.0')
    await world.advance(5_000)
    expect(world.executions[0]).toMatchObject({
      status: 'FAILED',
      statusDetails: {
        reason: 'boot-failed-rolled-back',
        runningVersion: '1.5.0',
        targetVersion: '2.0.0',
        previousVersion: '1.5.0',
        downloadMs: '2000',
      },
    })
    expect(world.device.state().firmwareVersion).toBe('1.5.0')

    await world.install('rollback', '1.5.0', true)
    await world.advance(5_000)
    expect(world.executions[1]).toMatchObject({
      status: 'SUCCEEDED',
      statusDetails: { runningVersion: '1.5.0', previousVersion: '1.5.0' },
    })
  })

  it('a version in revertingVersions succeeds, then the watchdog brings the previous one back', async () => {
    const world = deviceWorld({ revertingVersions: ['2.0.0'], revertDelayMs: 1_500 })
    world.device.start()
    await world.advance(100)
    await world.install('good-then-bad', '2.0.0')
    await world.advance(1_200)
    expect(world.executions[0]).toMatchObject({
      status: 'SUCCEEDED',
      statusDetails: { runningVersion: '2.0.0', previousVersion: '1.5.0' },
    })
    expect(shadowVersion(world.reports)).toBe('2.0.0')

    // 1.5 s after SUCCEEDED the watchdog resets it; 1 s of reboot later it reports 1.5.0.
    await world.advance(1_500 + 1_000 + 100)
    expect(world.device.state().firmwareVersion).toBe('1.5.0')
    expect(shadowVersion(world.reports)).toBe('1.5.0')
    expect(world.executions[0]?.status).toBe('SUCCEEDED')
  })

  it('leaves versions that are not listed alone', async () => {
    const world = deviceWorld({ failingBootVersions: ['2.0.0'], revertingVersions: ['2.0.0'] })
    world.device.start()
    await world.advance(100)
    await world.install('fine', '1.6.0')
    await world.advance(5_000)
    expect(world.executions[0]?.status).toBe('SUCCEEDED')
    expect(world.device.state().firmwareVersion).toBe('1.6.0')
    expect(shadowVersion(world.reports)).toBe('1.6.0')
  })
})

import { describe, expect, it } from 'vitest'
import { validateStatusDetails } from '../domain/status-details.ts'
import {
  FAILURE_REASONS,
  initialDeviceState,
  stepDevice,
  type DeviceEvent,
  type DeviceState,
  type JobsRequest,
  type Step,
} from './device-machine.ts'

const SHA = 'a'.repeat(64)
const lamp = () =>
  initialDeviceState({ thingName: 'lamp-1', model: 'lamp-v2', firmwareVersion: '1.0.0' })

const run = (state: DeviceState, ...events: DeviceEvent[]): Step => {
  let step: Step = { state, effects: [] }
  for (const event of events) step = stepDevice(step.state, event)
  return step
}

const started = (document: object): DeviceEvent => ({
  type: 'started',
  execution: { jobId: 'j1', status: 'IN_PROGRESS', jobDocument: document },
})

const install = (version: string, extra: object = {}) => ({
  operation: 'install',
  url: 'https://example.com/fw.bin',
  version,
  sha256: SHA,
  size: 10,
  forced: false,
  ...extra,
})

const lastUpdate = (step: Step) =>
  step.effects.flatMap((effect) =>
    effect.kind === 'jobs' && effect.request.kind === 'update' ? [effect.request] : [],
  )[0]

describe('stepDevice', () => {
  it('reports its shadow and asks for pending work when it connects', () => {
    const step = run(lamp(), { type: 'connected' })
    expect(step.effects.map((effect) => effect.kind)).toEqual(['report', 'jobs'])
  })

  it('starts the next job on notify-next only when idle', () => {
    const idle = run(lamp(), { type: 'notified', execution: { jobId: 'j1', status: 'QUEUED' } })
    expect(idle.effects).toEqual([{ kind: 'jobs', request: { kind: 'start-next' } }])
  })

  it('rejects a downgrade that is not forced, and one for another model', () => {
    const running2 = { ...lamp(), firmwareVersion: '2.0.0' }
    expect(lastUpdate(run(running2, started(install('1.0.0'))))).toMatchObject({
      status: 'REJECTED',
      statusDetails: { reason: 'downgrade-not-forced' },
    })
    expect(lastUpdate(run(lamp(), started(install('1.1.0', { model: 'lock-v3' }))))).toMatchObject({
      status: 'REJECTED',
      statusDetails: { reason: 'wrong-model' },
    })
  })

  it('downloads, checks the checksum, and reports FAILED on a mismatch', () => {
    const step = run(lamp(), started(install('1.1.0')), {
      type: 'downloaded',
      jobId: 'j1',
      size: 10,
      sha256: 'b'.repeat(64),
      text: '',
      durationMs: 5,
    })
    expect(lastUpdate(step)).toMatchObject({
      status: 'FAILED',
      statusDetails: { reason: 'checksum-mismatch' },
    })
  })

  it('reboots only once the cloud has the rebooting step, then reports SUCCEEDED with the running version', () => {
    const installed = run(lamp(), started(install('1.1.0')), {
      type: 'downloaded',
      jobId: 'j1',
      size: 10,
      sha256: SHA,
      text: '',
      durationMs: 5,
    })
    expect(lastUpdate(installed)).toMatchObject({
      status: 'IN_PROGRESS',
      statusDetails: { step: 'rebooting', targetVersion: '1.1.0' },
    })
    expect(installed.effects.some((effect) => effect.kind === 'reboot')).toBe(false)
    const rebooting = run(installed.state, { type: 'updated', jobId: 'j1', status: 'IN_PROGRESS' })
    expect(rebooting.effects).toEqual([{ kind: 'reboot' }])
    const back = run(
      rebooting.state,
      { type: 'rebooted', isBootOk: true },
      { type: 'connected' },
      { type: 'pending', inProgressJobs: [{ jobId: 'j1' }], queuedJobs: [] },
      {
        type: 'described',
        execution: {
          jobId: 'j1',
          status: 'IN_PROGRESS',
          statusDetails: { step: 'rebooting', targetVersion: '1.1.0' },
        },
      },
    )
    expect(lastUpdate(back)).toMatchObject({
      status: 'SUCCEEDED',
      statusDetails: { runningVersion: '1.1.0' },
    })
  })

  it('falls back to the previous image when the new one does not boot', () => {
    const installed = run(
      lamp(),
      started(install('1.1.0')),
      { type: 'downloaded', jobId: 'j1', size: 10, sha256: SHA, text: '', durationMs: 5 },
      { type: 'updated', jobId: 'j1', status: 'IN_PROGRESS' },
      { type: 'rebooted', isBootOk: false },
      {
        type: 'described',
        execution: {
          jobId: 'j1',
          status: 'IN_PROGRESS',
          statusDetails: { step: 'rebooting', targetVersion: '1.1.0' },
        },
      },
    )
    expect(installed.state.firmwareVersion).toBe('1.0.0')
    expect(lastUpdate(installed)).toMatchObject({
      status: 'FAILED',
      statusDetails: { reason: 'boot-failed-rolled-back', runningVersion: '1.0.0' },
    })
  })

  it('applies a downloaded configuration that is a JSON object', () => {
    const text = '{"brightness":40}'
    const step = run(
      lamp(),
      started({ operation: 'config-download', url: 'https://example.com/c.json', sha256: SHA }),
      { type: 'downloaded', jobId: 'j1', size: text.length, sha256: SHA, text, durationMs: 5 },
    )
    expect(step.state.configuration).toEqual({ brightness: 40 })
    expect(lastUpdate(step)).toMatchObject({ status: 'SUCCEEDED' })
  })

  it('never sends a move the shared lifecycle forbids', () => {
    const finished = run(lamp(), started(install('1.0.0', { model: 'lock-v3' })))
    const again = stepDevice(finished.state, { type: 'uploaded', jobId: 'j1' })
    expect(lastUpdate(again)).toBeUndefined()
  })
})

type Update = Extract<JobsRequest, { kind: 'update' }>

/**
 * Plays one install the way the wire does: every update is acknowledged, and
 * after the reboot the device describes its execution and gets back the
 * statusDetails the cloud kept (the last ones it sent). Returns every update.
 */
function playInstall(
  state: DeviceState,
  document: object,
  options: { durationMs?: number; isBootOk?: boolean; sha256?: string } = {},
): { updates: Update[]; last: Step } {
  const updates: Update[] = []
  let step: Step = { state, effects: [] }
  const apply = (event: DeviceEvent) => {
    step = stepDevice(step.state, event)
    for (const effect of step.effects) {
      if (effect.kind !== 'jobs' || effect.request.kind !== 'update') continue
      updates.push(effect.request)
      const ack: DeviceEvent = { type: 'updated', jobId: 'j1', status: effect.request.status }
      const before = step
      apply(ack)
      step = { state: step.state, effects: [...before.effects, ...step.effects] }
    }
  }
  apply(started(document))
  apply({ type: 'download-progress', jobId: 'j1', percent: 50 })
  apply({
    type: 'downloaded',
    jobId: 'j1',
    size: 10,
    sha256: options.sha256 ?? SHA,
    text: '',
    durationMs: options.durationMs ?? 3210.4,
  })
  if (!step.state.isRebooting) return { updates, last: step }
  apply({ type: 'rebooted', isBootOk: options.isBootOk ?? true })
  apply({ type: 'connected' })
  apply({ type: 'pending', inProgressJobs: [{ jobId: 'j1' }], queuedJobs: [] })
  apply({
    type: 'described',
    execution: {
      jobId: 'j1',
      status: 'IN_PROGRESS',
      statusDetails: updates.at(-1)?.statusDetails ?? {},
    },
  })
  return { updates, last: step }
}

describe('the statusDetails contract (docs/simulator.md)', () => {
  const statuses = (updates: Update[]) => updates.map((update) => update.status)

  it('reports downloadMs from the end of the download on, through the reboot, in SUCCEEDED', () => {
    const { updates, last } = playInstall(lamp(), install('1.1.0'), { durationMs: 3210.4 })
    expect(statuses(updates)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED'])
    const [downloading, progress, rebooting, succeeded] = updates
    expect(downloading?.statusDetails.downloadMs).toBeUndefined()
    expect(progress?.statusDetails.downloadMs).toBeUndefined()
    expect(rebooting?.statusDetails).toMatchObject({ step: 'rebooting', downloadMs: '3210' })
    expect(succeeded?.statusDetails).toEqual({
      step: 'rebooted',
      runningVersion: '1.1.0',
      downloadMs: '3210',
      targetVersion: '1.1.0',
      previousVersion: '1.0.0',
    })
    expect(last.state.firmwareVersion).toBe('1.1.0')
  })

  it('keeps targetVersion, previousVersion and downloadMs in the boot-failed FAILED report', () => {
    const { updates, last } = playInstall(lamp(), install('1.1.0'), {
      durationMs: 812,
      isBootOk: false,
    })
    expect(updates.at(-1)).toMatchObject({
      status: 'FAILED',
      statusDetails: {
        reason: FAILURE_REASONS.bootFailed,
        runningVersion: '1.0.0',
        targetVersion: '1.1.0',
        previousVersion: '1.0.0',
        downloadMs: '812',
      },
    })
    expect(last.state.firmwareVersion).toBe('1.0.0')
  })

  it('reports downloadMs in a checksum-mismatch FAILED and in a failed download', () => {
    const corrupt = playInstall(lamp(), install('1.1.0'), {
      durationMs: 40,
      sha256: 'b'.repeat(64),
    })
    expect(corrupt.updates.at(-1)).toMatchObject({
      status: 'FAILED',
      statusDetails: { reason: 'checksum-mismatch', downloadMs: '40', targetVersion: '1.1.0' },
    })
    const failed = run(lamp(), started(install('1.1.0')), {
      type: 'download-failed',
      jobId: 'j1',
      reason: 'HTTP 403 from the download URL',
      durationMs: 75,
    })
    expect(lastUpdate(failed)).toMatchObject({
      status: 'FAILED',
      statusDetails: { reason: 'download-failed', downloadMs: '75' },
    })
  })

  it('reports downloadMs when a configuration is applied', () => {
    const text = '{"brightness":40}'
    const step = run(
      lamp(),
      started({ operation: 'config-download', url: 'https://example.com/c.json', sha256: SHA }),
      { type: 'downloaded', jobId: 'j1', size: text.length, sha256: SHA, text, durationMs: 99 },
    )
    expect(lastUpdate(step)).toMatchObject({
      status: 'SUCCEEDED',
      statusDetails: { step: 'applied', downloadMs: '99' },
    })
  })

  it('stays within AWS’s statusDetails limits in every report', () => {
    const runs = [
      playInstall(lamp(), install('1.1.0')),
      playInstall(lamp(), install('1.1.0'), { isBootOk: false }),
      playInstall(lamp(), install('1.1.0'), { sha256: 'c'.repeat(64) }),
    ]
    for (const { updates } of runs)
      for (const update of updates)
        expect(validateStatusDetails(update.statusDetails).ok).toBe(true)
  })
})

describe('the watchdog (revertingVersions)', () => {
  it('confirms the new image only once the cloud acknowledged SUCCEEDED', () => {
    const { last } = playInstall(lamp(), install('1.1.0'))
    expect(last.effects).toContainEqual({ kind: 'image-confirmed', version: '1.1.0' })
    const failed = playInstall(lamp(), install('1.1.0'), { isBootOk: false })
    expect(failed.last.effects.some((effect) => effect.kind === 'image-confirmed')).toBe(false)
  })

  it('falls back to the previous image and reboots; the execution is not touched', () => {
    const { last } = playInstall(lamp(), install('1.1.0'))
    const reset = stepDevice(last.state, { type: 'watchdog-fired', version: '1.1.0' })
    expect(reset.state).toMatchObject({
      firmwareVersion: '1.0.0',
      previousFirmwareVersion: undefined,
      isRebooting: true,
    })
    expect(reset.effects.map((effect) => effect.kind)).toEqual(['log', 'reboot'])
    expect(lastUpdate(reset)).toBeUndefined()
    // Back up, it reports the version it runs now.
    const back = run(reset.state, { type: 'rebooted', isBootOk: true }, { type: 'connected' })
    expect(back.effects[0]).toEqual({
      kind: 'report',
      reported: { firmware: { version: '1.0.0', model: 'lamp-v2' }, config: {} },
    })
  })

  it('ignores a watchdog armed for an image the device no longer runs', () => {
    const { last } = playInstall(lamp(), install('1.1.0'))
    const other = stepDevice(last.state, { type: 'watchdog-fired', version: '9.9.9' })
    expect(other.state).toBe(last.state)
    expect(other.effects).toEqual([])
  })
})

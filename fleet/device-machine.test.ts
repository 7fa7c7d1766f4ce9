import { describe, expect, it } from 'vitest'
import {
  initialDeviceState,
  stepDevice,
  type DeviceEvent,
  type DeviceState,
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
      { type: 'downloaded', jobId: 'j1', size: 10, sha256: SHA, text: '' },
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
      { type: 'downloaded', jobId: 'j1', size: text.length, sha256: SHA, text },
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

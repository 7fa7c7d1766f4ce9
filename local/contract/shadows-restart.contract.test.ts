import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DeleteThingShadowCommand } from '@aws-sdk/client-iot-data-plane'
import { afterAll, expect, it } from 'vitest'
import { startLocalCloud, type RunningLocalCloud } from '../start.ts'
import { dataPlaneClient, getShadow, updateShadow } from '../testing/shadow-helpers.ts'

/** Acknowledged shadow changes survive a restart: state, metadata, versions, and the version a deleted shadow continues from. */
let dataDir = ''
const running: RunningLocalCloud[] = []

const start = async () => {
  const cloud = await startLocalCloud({
    host: '127.0.0.1',
    port: 0,
    mqttPort: 0,
    dataDir,
    clockSpeed: 1,
    corsOrigins: [],
    allowedHosts: [],
  })
  running.push(cloud)
  return cloud
}

afterAll(async () => {
  for (const cloud of running) await cloud.stop().catch(() => undefined)
  if (dataDir !== '') await rm(dataDir, { recursive: true, force: true })
})

it('keeps shadows and their versions across a restart', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-shadows-'))
  const first = await start()
  const before = dataPlaneClient(first.endpoint)
  await updateShadow(before, 'dev-1', { state: { desired: { firmware: '2.0.0' } } })
  await updateShadow(before, 'dev-1', { state: { reported: { firmware: '1.0.0' } } })
  await updateShadow(before, 'dev-1', { state: { reported: { a: 1 } } }, 'config')
  await updateShadow(before, 'dev-1', { state: { reported: { a: 2 } } }, 'config')
  await before.send(new DeleteThingShadowCommand({ thingName: 'dev-1', shadowName: 'config' }))
  const stored = await getShadow(before, 'dev-1')
  before.destroy()
  await first.stop()

  const second = await start()
  const after = dataPlaneClient(second.endpoint)
  try {
    const restored = await getShadow(after, 'dev-1')
    expect(restored).toEqual({ ...stored, timestamp: restored.timestamp })
    expect(restored).toMatchObject({ version: 2, state: { delta: { firmware: '2.0.0' } } })
    expect(
      await updateShadow(after, 'dev-1', { state: { reported: { a: 3 } } }, 'config'),
    ).toMatchObject({ version: 3 })
  } finally {
    after.destroy()
  }
})

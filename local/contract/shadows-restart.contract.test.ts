import { DeleteThingShadowCommand } from '@aws-sdk/client-iot-data-plane'
import { expect, it } from 'vitest'
import { useRestartableLocalCloud } from '../testing/local-cloud-fixture.ts'
import { dataPlaneClient, getShadow, updateShadow } from '../testing/shadow-helpers.ts'

/** Acknowledged shadow changes survive a restart: state, metadata, versions, and the version a deleted shadow continues from. */
const { start } = useRestartableLocalCloud('shadows')

it('keeps shadows and their versions across a restart', async () => {
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

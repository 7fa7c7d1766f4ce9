import {
  ConflictException,
  DeleteThingShadowCommand,
  GetThingShadowCommand,
  InvalidRequestException,
  ListNamedShadowsForThingCommand,
  RequestEntityTooLargeException,
  ResourceNotFoundException,
  UpdateThingShadowCommand,
  type IoTDataPlaneClient,
} from '@aws-sdk/client-iot-data-plane'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'
import {
  dataPlaneClient,
  encodeDocument,
  getShadow,
  parsePayload,
  updateShadow,
} from '../testing/shadow-helpers.ts'

/**
 * Device shadows over HTTPS through `@aws-sdk/client-iot-data-plane`, signed
 * for `iotdata` as the SDK signs them: versions, the computed delta, named
 * shadows, listing, deletion and the limits.
 */
const cloud = useLocalCloudFixture()
let data: IoTDataPlaneClient

beforeAll(() => {
  data = dataPlaneClient(cloud.endpoint)
})
afterAll(() => data.destroy())

const seconds = () => Math.floor(Date.now() / 1000)
/** A shadow timestamp taken during this test: closeTo's second argument counts decimal digits, so -1 accepts ±5 s (a second boundary may fall between server and test). */
const aboutNow = () => expect.closeTo(seconds(), -1) as number

describe('versions', () => {
  it('start at 1, grow with every update, and an update naming another version is a conflict', async () => {
    const thingName = uniqueName('shadow')
    expect(await updateShadow(data, thingName, { state: { reported: { a: 1 } } })).toMatchObject({
      version: 1,
    })
    expect(
      await updateShadow(data, thingName, { state: { reported: { a: 2 } }, version: 1 }),
    ).toMatchObject({ version: 2 })
    const conflict = data.send(
      new UpdateThingShadowCommand({
        thingName,
        payload: encodeDocument({ state: { reported: { a: 3 } }, version: 1 }),
      }),
    )
    await expect(conflict).rejects.toBeInstanceOf(ConflictException)
    await expect(conflict).rejects.toMatchObject({ message: 'Version conflict' })
    expect(await getShadow(data, thingName)).toMatchObject({
      state: { reported: { a: 2 } },
      version: 2,
    })
  })

  it('continue after a deletion instead of starting again', async () => {
    const thingName = uniqueName('shadow')
    await updateShadow(data, thingName, { state: { reported: { a: 1 } } })
    await updateShadow(data, thingName, { state: { reported: { a: 2 } } })
    const deleted = await data.send(new DeleteThingShadowCommand({ thingName }))
    expect(parsePayload(deleted.payload)).toEqual({
      version: 2,
      timestamp: aboutNow(),
    })
    await expect(data.send(new GetThingShadowCommand({ thingName }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `No shadow exists with name: '${thingName}'`,
    })
    expect(await updateShadow(data, thingName, { state: { reported: { a: 3 } } })).toMatchObject({
      version: 3,
    })
    expect(await getShadow(data, thingName)).toMatchObject({
      state: { reported: { a: 3 } },
      version: 3,
    })
  })
})

describe('state', () => {
  it('computes the delta from desired state and clears it when reported state matches', async () => {
    const thingName = uniqueName('shadow')
    await updateShadow(data, thingName, {
      state: { reported: { firmware: '1.0.0', color: 'green', uptime: 5 } },
    })
    const accepted = await updateShadow(data, thingName, {
      state: { desired: { firmware: '1.1.0', color: 'green' } },
      clientToken: 'token-1',
    })
    expect(accepted).toEqual({
      state: { desired: { firmware: '1.1.0', color: 'green' } },
      metadata: {
        desired: {
          firmware: { timestamp: aboutNow() },
          color: { timestamp: aboutNow() },
        },
      },
      version: 2,
      timestamp: aboutNow(),
      clientToken: 'token-1',
    })
    const withDelta = await getShadow(data, thingName)
    expect(withDelta.state).toEqual({
      desired: { firmware: '1.1.0', color: 'green' },
      reported: { firmware: '1.0.0', color: 'green', uptime: 5 },
      delta: { firmware: '1.1.0' },
    })
    expect(withDelta.metadata).toMatchObject({
      desired: { firmware: { timestamp: expect.any(Number) as number } },
      reported: { uptime: { timestamp: expect.any(Number) as number } },
    })
    await updateShadow(data, thingName, { state: { reported: { firmware: '1.1.0' } } })
    const inSync = await getShadow(data, thingName)
    expect(inSync.state).not.toHaveProperty('delta')
    expect(inSync.version).toBe(3)
  })

  it('removes members set to null and a section left empty', async () => {
    const thingName = uniqueName('shadow')
    await updateShadow(data, thingName, {
      state: { desired: { mode: 'eco' }, reported: { mode: 'eco', engine: { rpm: 900 } } },
    })
    const accepted = await updateShadow(data, thingName, {
      state: { desired: { mode: null }, reported: { engine: { rpm: null } } },
    })
    expect(accepted.state).toEqual({ desired: { mode: null }, reported: { engine: { rpm: null } } })
    expect(await getShadow(data, thingName)).toMatchObject({
      state: { reported: { mode: 'eco' } },
      metadata: { reported: { mode: { timestamp: expect.any(Number) as number } } },
      version: 2,
    })
    expect((await getShadow(data, thingName)).state).not.toHaveProperty('desired')
  })

  it('refuses documents AWS refuses, with its exceptions', async () => {
    const thingName = uniqueName('shadow')
    const update = (payload: Uint8Array) =>
      data.send(new UpdateThingShadowCommand({ thingName, payload }))
    await expect(update(new TextEncoder().encode('{"state":'))).rejects.toBeInstanceOf(
      InvalidRequestException,
    )
    await expect(update(encodeDocument({ state: { delta: { a: 1 } } }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: "State contains an invalid node: 'delta'",
    })
    const sevenLevels = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } }
    await expect(update(encodeDocument({ state: { desired: sevenLevels } }))).rejects.toMatchObject(
      {
        name: 'InvalidRequestException',
        message: 'JSON contains too many levels of nesting; maximum is 6',
      },
    )
    const half = 'x'.repeat(4 * 1024)
    await update(encodeDocument({ state: { reported: { a: half } } }))
    await expect(update(encodeDocument({ state: { desired: { b: half } } }))).rejects.toMatchObject(
      {
        name: RequestEntityTooLargeException.name,
        message: 'The payload exceeds the maximum size allowed',
      },
    )
    await expect(
      update(encodeDocument({ state: { reported: { big: 'x'.repeat(9 * 1024) } } })),
    ).rejects.toBeInstanceOf(RequestEntityTooLargeException)
    expect(await getShadow(data, thingName)).toMatchObject({ version: 1 })
  })
})

describe('named shadows', () => {
  it('are separate from the classic shadow, $package included', async () => {
    const thingName = uniqueName('shadow')
    await updateShadow(data, thingName, { state: { reported: { a: 'classic' } } })
    expect(
      await updateShadow(
        data,
        thingName,
        { state: { reported: { 'fleetdeck-firmware': { version: '2.0.0' } } } },
        '$package',
      ),
    ).toMatchObject({ version: 1 })
    expect(await getShadow(data, thingName, '$package')).toMatchObject({
      state: { reported: { 'fleetdeck-firmware': { version: '2.0.0' } } },
      version: 1,
    })
    expect(await getShadow(data, thingName)).toMatchObject({
      state: { reported: { a: 'classic' } },
    })
    await expect(
      data.send(new GetThingShadowCommand({ thingName, shadowName: 'missing' })),
    ).rejects.toMatchObject({
      name: ResourceNotFoundException.name,
      message: "No shadow exists with name: 'missing'",
    })
    await expect(
      updateShadow(data, thingName, { state: { reported: {} } }, '$reserved'),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('are listed a page at a time, without the classic shadow', async () => {
    const thingName = uniqueName('shadow')
    await updateShadow(data, thingName, { state: { reported: { a: 1 } } })
    const names = ['$package', 'config', 'firmware', 'network', 'sensors']
    for (const name of names)
      await updateShadow(data, thingName, { state: { reported: { a: 1 } } }, name)
    const listed: string[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await data.send(
        new ListNamedShadowsForThingCommand({ thingName, pageSize: 2, nextToken }),
      )
      expect(page.results?.length).toBeLessThanOrEqual(2)
      expect(page.timestamp).toBeCloseTo(seconds(), -1)
      listed.push(...(page.results ?? []))
      nextToken = page.nextToken
      pages += 1
    } while (nextToken !== undefined)
    expect(pages).toBe(3)
    expect(listed.sort()).toEqual(names)
    const none = await data.send(
      new ListNamedShadowsForThingCommand({ thingName: uniqueName('none') }),
    )
    expect(none.results).toEqual([])
    await expect(
      data.send(new ListNamedShadowsForThingCommand({ thingName, pageSize: 101 })),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('are deleted one at a time and leave the list', async () => {
    const thingName = uniqueName('shadow')
    await updateShadow(data, thingName, { state: { reported: { a: 1 } } }, 'config')
    await data.send(new DeleteThingShadowCommand({ thingName, shadowName: 'config' }))
    const listed = await data.send(new ListNamedShadowsForThingCommand({ thingName }))
    expect(listed.results).toEqual([])
    await expect(
      data.send(new DeleteThingShadowCommand({ thingName, shadowName: 'config' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })
})

describe('roles', () => {
  it('let a viewer read a shadow (the thing page) but not list named shadows, update or delete', async () => {
    const thingName = uniqueName('shadow')
    await updateShadow(data, thingName, { state: { reported: { a: 1 } } })
    const session = cloud.running.cloud.temporaryCredentials.issue(
      'arn:aws:iam::000000000000:role/fleetdeck-viewer',
      'test',
      3600_000,
    )
    const viewer = dataPlaneClient(cloud.endpoint, session)
    try {
      expect(await getShadow(viewer, thingName)).toMatchObject({ version: 1 })
      // The roles hold only what the dashboard calls (domain/permissions.ts).
      await expect(
        viewer.send(new ListNamedShadowsForThingCommand({ thingName })),
      ).rejects.toMatchObject({ name: 'AccessDeniedException' })
      await expect(
        updateShadow(viewer, thingName, { state: { desired: { a: 2 } } }),
      ).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('iot:UpdateThingShadow') as string,
      })
      await expect(viewer.send(new DeleteThingShadowCommand({ thingName }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
      })
      expect(await getShadow(data, thingName)).toMatchObject({ version: 1 })
    } finally {
      viewer.destroy()
    }
  })
})

import {
  AddThingToThingGroupCommand,
  CreateDynamicThingGroupCommand,
  CreateThingGroupCommand,
  DeleteDynamicThingGroupCommand,
  DeleteThingGroupCommand,
  DescribeJobExecutionCommand,
  DescribeThingGroupCommand,
  InvalidQueryException,
  InvalidRequestException,
  ListThingGroupsCommand,
  ListThingGroupsForThingCommand,
  ListThingsInThingGroupCommand,
  RemoveThingFromThingGroupCommand,
  ResourceNotFoundException,
  UpdateDynamicThingGroupCommand,
  UpdateIndexingConfigurationCommand,
  VersionConflictException,
} from '@aws-sdk/client-iot'
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../testing/eventually.ts'
import { arnOfGroup, createThings } from '../testing/fleet-helpers.ts'
import { enableFleetIndexing } from '../testing/fleet-index-helpers.ts'
import { jobHelpers } from '../testing/job-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { connectMqtt } from '../testing/mqtt-helpers.ts'
import { collectMessages, dataPlaneClient, updateShadow } from '../testing/shadow-helpers.ts'

/**
 * Dynamic thing groups through the SDK: their query, membership that follows
 * the index as devices report versions over MQTT and HTTPS, the operations
 * AWS refuses on them, and continuous jobs that reach devices as they come to
 * match.
 * https://docs.aws.amazon.com/iot/latest/developerguide/dynamic-thing-groups.html
 */
const cloud = useLocalCloudFixture()
const { createJob } = jobHelpers(() => cloud)
let data: IoTDataPlaneClient
const devices: MqttClient[] = []

beforeAll(() => {
  data = dataPlaneClient(cloud.endpoint)
})
afterAll(async () => {
  data.destroy()
  for (const device of devices) await device.endAsync()
})

const members = async (thingGroupName: string) =>
  (await cloud.iot.send(new ListThingsInThingGroupCommand({ thingGroupName }))).things ?? []

/** Creates a dynamic group on the given things' prefix and firmware versions. */
async function versionGroup(things: readonly string[], versionQuery: string): Promise<string> {
  const thingGroupName = uniqueName('dyn')
  const prefix = (things[0] ?? '').replace(/-\d{5}$/, '')
  await cloud.iot.send(
    new CreateDynamicThingGroupCommand({
      thingGroupName,
      queryString: `thingName:${prefix}-* AND shadow.reported.firmware.version:${versionQuery}`,
    }),
  )
  return thingGroupName
}

/** A device on MQTT reporting its running version in its classic shadow, as fleet/ devices do. */
async function device(thingName: string) {
  const client = await connectMqtt(cloud.mqttEndpoint, thingName)
  devices.push(client)
  const messages = collectMessages(client)
  await client.subscribeAsync([
    `$aws/things/${thingName}/shadow/update/accepted`,
    `$aws/things/${thingName}/jobs/notify-next`,
  ])
  return {
    messages,
    report: async (version: string) => {
      await client.publishAsync(
        `$aws/things/${thingName}/shadow/update`,
        JSON.stringify({ state: { reported: { firmware: { version } } } }),
      )
      await messages.next(`$aws/things/${thingName}/shadow/update/accepted`)
    },
  }
}

describe('before indexing is switched on', () => {
  it('refuses to create a dynamic group, as the index does not exist', async () => {
    await expect(
      cloud.iot.send(
        new CreateDynamicThingGroupCommand({ thingGroupName: uniqueName('dyn'), queryString: '*' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    await enableFleetIndexing(cloud.iot)
  })
})

describe('a dynamic thing group', () => {
  it('is described with its query and listed beside static groups', async () => {
    const things = await createThings(cloud.iot, 2, 'describe')
    await updateShadow(data, things[0] ?? '', {
      state: { reported: { firmware: { version: '1.0.0' } } },
    })
    const thingGroupName = await versionGroup(things, '1.0.0')
    const described = await cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName }))
    expect(described).toMatchObject({
      thingGroupName,
      indexName: 'AWS_Things',
      queryString: expect.stringContaining('shadow.reported.firmware.version:1.0.0'),
      queryVersion: '2017-09-30',
      status: 'ACTIVE',
      version: 1,
    })
    expect(await members(thingGroupName)).toEqual([things[0]])
    const listed = await cloud.iot.send(
      new ListThingGroupsCommand({ namePrefixFilter: thingGroupName }),
    )
    expect(listed.thingGroups?.map((group) => group.groupName)).toEqual([thingGroupName])
    const forThing = await cloud.iot.send(
      new ListThingGroupsForThingCommand({ thingName: things[0] }),
    )
    expect(forThing.thingGroups?.map((group) => group.groupName)).toEqual([thingGroupName])
  })

  it('gains and loses members as devices report new versions', async () => {
    const things = await createThings(cloud.iot, 3, 'follow')
    const [a = '', b = '', c = ''] = things
    const thingGroupName = await versionGroup(things, '1.*')
    expect(await members(thingGroupName)).toEqual([])
    const deviceA = await device(a)
    const deviceB = await device(b)
    await deviceA.report('1.0.0')
    await deviceB.report('2.0.0')
    await updateShadow(data, c, { state: { reported: { firmware: { version: '1.2.0' } } } })
    expect(await members(thingGroupName)).toEqual([a, c])
    await deviceA.report('2.0.0')
    await deviceB.report('1.9.0')
    expect(await members(thingGroupName)).toEqual([b, c])
  })

  it('refuses what AWS refuses: manual membership, a child group, the static delete', async () => {
    const things = await createThings(cloud.iot, 1, 'refuse')
    const thingName = things[0] ?? ''
    const thingGroupName = await versionGroup(things, '*')
    const refusals = [
      () => cloud.iot.send(new AddThingToThingGroupCommand({ thingGroupName, thingName })),
      () => cloud.iot.send(new RemoveThingFromThingGroupCommand({ thingGroupName, thingName })),
      () =>
        cloud.iot.send(
          new CreateThingGroupCommand({
            thingGroupName: uniqueName('child'),
            parentGroupName: thingGroupName,
          }),
        ),
      () => cloud.iot.send(new DeleteThingGroupCommand({ thingGroupName })),
    ]
    for (const refusal of refusals)
      await expect(refusal()).rejects.toBeInstanceOf(InvalidRequestException)
    await expect(
      cloud.iot.send(
        new CreateDynamicThingGroupCommand({
          thingGroupName: uniqueName('dyn'),
          queryString: 'thingName:(a',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidQueryException)
    await expect(
      cloud.iot.send(
        new UpdateIndexingConfigurationCommand({
          thingIndexingConfiguration: { thingIndexingMode: 'OFF' },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('takes a new query and description with UpdateDynamicThingGroup, and goes with DeleteDynamicThingGroup', async () => {
    const things = await createThings(cloud.iot, 2, 'update')
    const [a = '', b = ''] = things
    await updateShadow(data, a, { state: { reported: { firmware: { version: '1.0.0' } } } })
    await updateShadow(data, b, { state: { reported: { firmware: { version: '2.0.0' } } } })
    const thingGroupName = await versionGroup(things, '1.0.0')
    expect(await members(thingGroupName)).toEqual([a])
    const { version } = await cloud.iot.send(
      new UpdateDynamicThingGroupCommand({
        thingGroupName,
        thingGroupProperties: { thingGroupDescription: 'on 2.x' },
        queryString: `thingName:${a.replace(/-\d{5}$/, '')}-* AND shadow.reported.firmware.version:2.*`,
        expectedVersion: 1,
      }),
    )
    expect(version).toBe(2)
    expect(await members(thingGroupName)).toEqual([b])
    expect(await cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName }))).toMatchObject({
      thingGroupProperties: { thingGroupDescription: 'on 2.x' },
      version: 2,
    })
    await expect(
      cloud.iot.send(
        new UpdateDynamicThingGroupCommand({
          thingGroupName,
          thingGroupProperties: {},
          expectedVersion: 1,
        }),
      ),
    ).rejects.toBeInstanceOf(VersionConflictException)

    await cloud.iot.send(new DeleteDynamicThingGroupCommand({ thingGroupName }))
    await expect(
      cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    expect(
      (await cloud.iot.send(new ListThingGroupsForThingCommand({ thingName: b }))).thingGroups,
    ).toEqual([])
  })
})

describe('a dynamic thing group as a job target', () => {
  it('lets a CONTINUOUS job reach a device as it comes to match, and REMOVE it as it leaves', async () => {
    const things = await createThings(cloud.iot, 2, 'jobs')
    const [early = '', late = ''] = things
    const earlyDevice = await device(early)
    const lateDevice = await device(late)
    await earlyDevice.report('1.0.0')
    await lateDevice.report('0.9.0')
    const thingGroupName = await versionGroup(things, '1.0.0')
    const jobId = await createJob({
      targets: [arnOfGroup(thingGroupName)],
      targetSelection: 'CONTINUOUS',
    })
    const execution = (thingName: string) =>
      cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))
    await eventually(async () => {
      expect((await execution(early)).execution?.status).toBe('QUEUED')
    })
    await expect(execution(late)).rejects.toBeInstanceOf(ResourceNotFoundException)

    await lateDevice.report('1.0.0')
    const notified = await lateDevice.messages.next(`$aws/things/${late}/jobs/notify-next`)
    expect(notified).toMatchObject({ execution: { jobId, status: 'QUEUED' } })

    await earlyDevice.report('2.0.0')
    expect((await execution(early)).execution?.status).toBe('REMOVED')
    expect((await execution(late)).execution?.status).toBe('QUEUED')
  })

  it('lets a SNAPSHOT job target the members it has when the job is created', async () => {
    const things = await createThings(cloud.iot, 2, 'snapshot')
    const [member = '', other = ''] = things
    await updateShadow(data, member, { state: { reported: { firmware: { version: '1.0.0' } } } })
    const thingGroupName = await versionGroup(things, '1.0.0')
    const jobId = await createJob({ targets: [arnOfGroup(thingGroupName)] })
    await updateShadow(data, other, { state: { reported: { firmware: { version: '1.0.0' } } } })
    await eventually(async () => {
      expect(
        (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: member })))
          .execution?.status,
      ).toBe('QUEUED')
    })
    await expect(
      cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: other })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })
})

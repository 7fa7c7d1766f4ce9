import {
  AddThingToThingGroupCommand,
  CancelJobExecutionCommand,
  CreateDynamicThingGroupCommand,
  CreateJobCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  InvalidRequestException,
  ListJobExecutionsForJobCommand,
  ListThingGroupsForThingCommand,
  ListThingsInThingGroupCommand,
  UpdateEventConfigurationsCommand,
} from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import type { MqttClient } from 'mqtt'
import { afterAll, describe, expect, it } from 'vitest'
import { DASHBOARD_CLIENT_ID_PREFIX, ROLE_NAMES } from '../../domain/permissions.ts'
import { ACCOUNT_ID } from '../config.ts'
import { eventually } from '../testing/eventually.ts'
import { arnOfThing, createThings, DOCUMENT, inParallel } from '../testing/fleet-helpers.ts'
import { enableFleetIndexing } from '../testing/fleet-index-helpers.ts'
import { recordMessages } from '../testing/jobs-mqtt-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { connectMqttWebSocket } from '../testing/mqtt-helpers.ts'

/**
 * What the job detail page (issue 10) leans on beyond the basics in
 * jobs.contract.test.ts: a force-canceled execution is announced like any
 * other end, a status-filtered list pages cleanly while the job runs, and
 * retry and rollback groups meet AWS's 10-groups-per-thing limit.
 */
const cloud = useLocalCloudFixture()
const clients: MqttClient[] = []

afterAll(async () => {
  await Promise.all(clients.map((client) => client.endAsync()))
})

async function jobOn(things: readonly string[]): Promise<string> {
  const jobId = uniqueName('job')
  await cloud.iot.send(
    new CreateJobCommand({ jobId, targets: things.map(arnOfThing), document: DOCUMENT }),
  )
  return jobId
}

describe('job events for canceled executions', () => {
  it('announce a force-canceled in-progress execution with the operator’s statusDetails', async () => {
    await cloud.iot.send(
      new UpdateEventConfigurationsCommand({
        eventConfigurations: { JOB: { Enabled: true }, JOB_EXECUTION: { Enabled: true } },
      }),
    )
    const [running = '', waiting = ''] = await createThings(cloud.iot, 2, 'cancel-one')
    const jobId = await jobOn([running, waiting])
    const viewerRole = `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES.viewer}`
    const client = await connectMqttWebSocket(
      cloud.endpoint,
      cloud.running.cloud.temporaryCredentials.issue(viewerRole, 'dashboard', 600_000),
      uniqueName(`${DASHBOARD_CLIENT_ID_PREFIX}cancel`),
      { tokenAfterSigning: true },
    )
    clients.push(client)
    await client.subscribeAsync(`$aws/events/jobExecution/${jobId}/#`)
    const events = recordMessages(client)
    await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName: running }))

    await cloud.iot.send(
      new CancelJobExecutionCommand({
        jobId,
        thingName: running,
        force: true,
        expectedVersion: 2,
        statusDetails: { reason: 'operator-canceled' },
      }),
    )
    await cloud.iot.send(new CancelJobExecutionCommand({ jobId, thingName: waiting }))
    await eventually(() => expect(events.messages).toHaveLength(2))
    expect(events.messages.map(({ topic }) => topic)).toEqual([
      `$aws/events/jobExecution/${jobId}/canceled`,
      `$aws/events/jobExecution/${jobId}/canceled`,
    ])
    expect(events.messages[0]?.payload).toMatchObject({
      eventType: 'JOB_EXECUTION',
      operation: 'canceled',
      status: 'CANCELED',
      thingArn: arnOfThing(running),
      statusDetails: { reason: 'operator-canceled' },
    })
    expect(events.messages[1]?.payload).toMatchObject({ thingArn: arnOfThing(waiting) })
  })
})

describe('ListJobExecutionsForJob with a status filter', () => {
  it('pages without repeats or gaps while more executions reach the status', async () => {
    const things = await createThings(cloud.iot, 12, 'paging')
    const jobId = await jobOn(things)
    // Executions fail in another order than they were created: last first.
    const failing = [...things].reverse()
    const fail = async (thingName: string) => {
      await cloud.jobsData.send(
        new UpdateJobExecutionCommand({
          jobId,
          thingName,
          status: 'FAILED',
          statusDetails: { reason: 'checksum-mismatch' },
        }),
      )
    }
    await inParallel(failing.slice(0, 5), 1, fail)
    const seen: string[] = []
    let nextToken: string | undefined
    let failed = 5
    do {
      const page = await cloud.iot.send(
        new ListJobExecutionsForJobCommand({ jobId, status: 'FAILED', maxResults: 2, nextToken }),
      )
      seen.push(...(page.executionSummaries ?? []).map((summary) => summary.thingArn ?? ''))
      nextToken = page.nextToken
      // The job carries on between pages: two more fail each time.
      for (const thingName of failing.slice(failed, failed + 2)) await fail(thingName)
      failed += 2
    } while (nextToken !== undefined)
    // In the order they failed, so every page continues where the last one ended.
    expect(seen).toEqual(failing.slice(0, seen.length).map(arnOfThing))
    expect(seen.length).toBeGreaterThanOrEqual(5)
  })
})

describe('the 10-groups-per-thing limit', () => {
  const groupsOf = async (thingName: string) =>
    ((await cloud.iot.send(new ListThingGroupsForThingCommand({ thingName }))).thingGroups ?? [])
      .map((group) => group.groupName)
      .sort()

  it('refuses an 11th group, unless a dynamic group may give its place to a static one', async () => {
    await enableFleetIndexing(cloud.iot)
    const kind = uniqueName('kind')
    const thingName = uniqueName('busy')
    await cloud.iot.send(
      new CreateThingCommand({ thingName, attributePayload: { attributes: { kind } } }),
    )
    const dynamic = uniqueName('dyn')
    await cloud.iot.send(
      new CreateDynamicThingGroupCommand({
        thingGroupName: dynamic,
        queryString: `attributes.kind:${kind}`,
      }),
    )
    await eventually(async () => expect(await groupsOf(thingName)).toEqual([dynamic]))
    const statics = Array.from({ length: 10 }, (_, index) => `${uniqueName('static')}-${index}`)
    for (const thingGroupName of statics)
      await cloud.iot.send(new CreateThingGroupCommand({ thingGroupName }))
    for (const thingGroupName of statics.slice(0, 9))
      await cloud.iot.send(new AddThingToThingGroupCommand({ thingGroupName, thingName }))

    const tenth = statics[9] ?? ''
    await expect(
      cloud.iot.send(new AddThingToThingGroupCommand({ thingGroupName: tenth, thingName })),
    ).rejects.toThrow(InvalidRequestException)
    await cloud.iot.send(
      new AddThingToThingGroupCommand({
        thingGroupName: tenth,
        thingName,
        overrideDynamicGroups: true,
      }),
    )
    expect(await groupsOf(thingName)).toEqual([...statics].sort())
    // At the limit it joins no dynamic group, and only static groups are left to give way.
    const another = uniqueName('dyn')
    await cloud.iot.send(
      new CreateDynamicThingGroupCommand({
        thingGroupName: another,
        queryString: `attributes.kind:${kind}`,
      }),
    )
    expect(
      (await cloud.iot.send(new ListThingsInThingGroupCommand({ thingGroupName: another }))).things,
    ).toEqual([])
    const eleventh = uniqueName('static')
    await cloud.iot.send(new CreateThingGroupCommand({ thingGroupName: eleventh }))
    await expect(
      cloud.iot.send(
        new AddThingToThingGroupCommand({
          thingGroupName: eleventh,
          thingName,
          overrideDynamicGroups: true,
        }),
      ),
    ).rejects.toThrow(/already in 10 thing groups/)
    // Adding it again where it already is changes nothing and is no error.
    await cloud.iot.send(new AddThingToThingGroupCommand({ thingGroupName: tenth, thingName }))
  })
})

import {
  AddThingToThingGroupCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  CreateThingTypeCommand,
  DeleteThingCommand,
  DeleteThingGroupCommand,
  DescribeEndpointCommand,
  DescribeThingCommand,
  DescribeThingGroupCommand,
  InvalidRequestException,
  ListThingGroupsCommand,
  ListThingGroupsForThingCommand,
  ListThingsCommand,
  ListThingsInThingGroupCommand,
  ListThingTypesCommand,
  paginateListThings,
  RemoveThingFromThingGroupCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateThingCommand,
  VersionConflictException,
} from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'

const cloud = useLocalCloudFixture()

describe('things', () => {
  it('creates, describes, updates and deletes a thing', async () => {
    const thingName = uniqueName('thermo:unit')
    const created = await cloud.iot.send(
      new CreateThingCommand({
        thingName,
        attributePayload: { attributes: { model: 'thermo-v2', site: 'eu-1' } },
      }),
    )
    expect(created.thingArn).toBe(`arn:aws:iot:us-east-1:000000000000:thing/${thingName}`)
    expect(created.thingId).toMatch(/^[0-9a-f-]{36}$/)

    const described = await cloud.iot.send(new DescribeThingCommand({ thingName }))
    expect(described).toMatchObject({
      thingName,
      defaultClientId: thingName,
      thingId: created.thingId,
      attributes: { model: 'thermo-v2', site: 'eu-1' },
      version: 1,
    })

    // merge: lay over; an empty value removes.
    await cloud.iot.send(
      new UpdateThingCommand({
        thingName,
        attributePayload: { attributes: { site: '', fw: '1.2.0' }, merge: true },
      }),
    )
    expect((await cloud.iot.send(new DescribeThingCommand({ thingName }))).attributes).toEqual({
      model: 'thermo-v2',
      fw: '1.2.0',
    })
    // Without merge the map replaces the old one.
    await cloud.iot.send(
      new UpdateThingCommand({
        thingName,
        attributePayload: { attributes: { model: 'x' } },
        expectedVersion: 2,
      }),
    )
    const replaced = await cloud.iot.send(new DescribeThingCommand({ thingName }))
    expect(replaced).toMatchObject({ attributes: { model: 'x' }, version: 3 })

    await expect(
      cloud.iot.send(
        new UpdateThingCommand({
          thingName,
          attributePayload: { attributes: {} },
          expectedVersion: 1,
        }),
      ),
    ).rejects.toBeInstanceOf(VersionConflictException)
    await expect(
      cloud.iot.send(new DeleteThingCommand({ thingName, expectedVersion: 1 })),
    ).rejects.toBeInstanceOf(VersionConflictException)
    await cloud.iot.send(new DeleteThingCommand({ thingName }))
    await expect(cloud.iot.send(new DescribeThingCommand({ thingName }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    )
    // Deleting a thing that does not exist succeeds, as in AWS.
    await cloud.iot.send(new DeleteThingCommand({ thingName }))
  })

  it('is idempotent for the same configuration and refuses a different one', async () => {
    const thingName = uniqueName('idem')
    const first = await cloud.iot.send(new CreateThingCommand({ thingName }))
    const again = await cloud.iot.send(new CreateThingCommand({ thingName }))
    expect(again.thingId).toBe(first.thingId)
    const refusal = cloud.iot.send(
      new CreateThingCommand({ thingName, attributePayload: { attributes: { a: 'b' } } }),
    )
    await expect(refusal).rejects.toBeInstanceOf(ResourceAlreadyExistsException)
    await expect(refusal).rejects.toMatchObject({
      resourceId: thingName,
      $metadata: { httpStatusCode: 409 },
    })
  })

  it('refuses invalid names and attributes with InvalidRequestException', async () => {
    await expect(
      cloud.iot.send(new CreateThingCommand({ thingName: 'has space' })),
    ).rejects.toThrow(
      'Thing name may contain only letters, digits, colons (:), hyphens (-) and underscores (_); remove " ".',
    )
    await expect(
      cloud.iot.send(
        new CreateThingCommand({
          thingName: uniqueName('t'),
          attributePayload: { attributes: { fw: '1.0.0+b7' } },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
    await expect(
      cloud.iot.send(
        new CreateThingCommand({ thingName: uniqueName('t'), thingTypeName: 'missing-type' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it('lists things with attribute filters, prefixes, types and pagination', async () => {
    const model = uniqueName('model')
    await cloud.iot.send(
      new CreateThingTypeCommand({
        thingTypeName: model,
        thingTypeProperties: { thingTypeDescription: 'test' },
      }),
    )
    const names = Array.from({ length: 7 }, (_, index) => `${model}-thing-${index}`)
    for (const [index, thingName] of names.entries()) {
      await cloud.iot.send(
        new CreateThingCommand({
          thingName,
          thingTypeName: model,
          attributePayload: { attributes: { fw: `2.${index}.0`, model } },
        }),
      )
    }
    const exact = await cloud.iot.send(
      new ListThingsCommand({ attributeName: 'fw', attributeValue: '2.3.0' }),
    )
    expect(exact.things?.map((thing) => thing.thingName)).toEqual([names[3]])
    const prefix = await cloud.iot.send(
      new ListThingsCommand({
        attributeName: 'model',
        attributeValue: model.slice(0, -2),
        usePrefixAttributeValue: true,
      }),
    )
    expect(prefix.things?.map((thing) => thing.thingName)).toEqual(names)
    const byType = await cloud.iot.send(new ListThingsCommand({ thingTypeName: model }))
    expect(byType.things).toHaveLength(7)
    expect(byType.things?.[0]).toMatchObject({
      thingTypeName: model,
      version: 1,
      thingArn: expect.stringContaining(':thing/'),
    })

    const pages: string[][] = []
    for await (const page of paginateListThings(
      { client: cloud.iot, pageSize: 3 },
      { thingTypeName: model },
    )) {
      pages.push(page.things?.map((thing) => thing.thingName ?? '') ?? [])
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1])
    expect(pages.flat()).toEqual(names)

    await expect(cloud.iot.send(new ListThingsCommand({ maxResults: 251 }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    )
    await expect(cloud.iot.send(new ListThingsCommand({ nextToken: 'forged' }))).rejects.toThrow(
      'The nextToken is not valid',
    )

    const types = await cloud.iot.send(new ListThingTypesCommand({ thingTypeName: model }))
    expect(types.thingTypes?.[0]).toMatchObject({
      thingTypeName: model,
      thingTypeProperties: { thingTypeDescription: 'test' },
      thingTypeMetadata: { deprecated: false, creationDate: expect.any(Date) },
    })
  })
})

describe('thing groups', () => {
  it('nests groups, lists members recursively and describes ancestry', async () => {
    const root = uniqueName('fleet')
    const line = `${root}-line`
    const cell = `${root}-cell`
    await cloud.iot.send(new CreateThingGroupCommand({ thingGroupName: root }))
    await cloud.iot.send(
      new CreateThingGroupCommand({ thingGroupName: line, parentGroupName: root }),
    )
    await cloud.iot.send(
      new CreateThingGroupCommand({
        thingGroupName: cell,
        parentGroupName: line,
        thingGroupProperties: {
          thingGroupDescription: 'cell 7',
          attributePayload: { attributes: { floor: '2' } },
        },
      }),
    )
    const a = uniqueName('a')
    const b = uniqueName('b')
    for (const thingName of [a, b]) await cloud.iot.send(new CreateThingCommand({ thingName }))
    await cloud.iot.send(new AddThingToThingGroupCommand({ thingGroupName: root, thingName: a }))
    await cloud.iot.send(
      new AddThingToThingGroupCommand({
        thingGroupArn: `arn:aws:iot:us-east-1:000000000000:thinggroup/${cell}`,
        thingName: b,
      }),
    )

    const direct = await cloud.iot.send(new ListThingsInThingGroupCommand({ thingGroupName: root }))
    expect(direct.things).toEqual([a])
    const all = await cloud.iot.send(
      new ListThingsInThingGroupCommand({ thingGroupName: root, recursive: true }),
    )
    expect(all.things).toEqual([a, b].sort())

    const described = await cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName: cell }))
    expect(described).toMatchObject({
      thingGroupName: cell,
      version: 1,
      thingGroupProperties: {
        thingGroupDescription: 'cell 7',
        attributePayload: { attributes: { floor: '2' } },
      },
      thingGroupMetadata: {
        parentGroupName: line,
        rootToParentThingGroups: [{ groupName: root }, { groupName: line }],
        creationDate: expect.any(Date),
      },
    })

    const children = await cloud.iot.send(
      new ListThingGroupsCommand({ parentGroup: root, recursive: false }),
    )
    expect(children.thingGroups?.map((group) => group.groupName)).toEqual([line])
    const descendants = await cloud.iot.send(new ListThingGroupsCommand({ parentGroup: root }))
    expect(descendants.thingGroups?.map((group) => group.groupName)).toEqual([cell, line].sort())
    const prefixed = await cloud.iot.send(new ListThingGroupsCommand({ namePrefixFilter: root }))
    expect(prefixed.thingGroups).toHaveLength(3)

    const forThing = await cloud.iot.send(new ListThingGroupsForThingCommand({ thingName: b }))
    expect(forThing.thingGroups).toEqual([{ groupName: cell, groupArn: described.thingGroupArn }])

    await expect(
      cloud.iot.send(new DeleteThingGroupCommand({ thingGroupName: line })),
    ).rejects.toThrow('has child groups')
    await cloud.iot.send(
      new RemoveThingFromThingGroupCommand({ thingGroupName: cell, thingName: b }),
    )
    expect(
      (await cloud.iot.send(new ListThingsInThingGroupCommand({ thingGroupName: cell }))).things,
    ).toEqual([])
    await cloud.iot.send(new DeleteThingGroupCommand({ thingGroupName: cell }))
    await expect(
      cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName: cell })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it('refuses membership changes naming what does not exist', async () => {
    await expect(
      cloud.iot.send(
        new AddThingToThingGroupCommand({
          thingGroupName: uniqueName('none'),
          thingName: uniqueName('none'),
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(
      cloud.iot.send(new AddThingToThingGroupCommand({ thingName: 'x' })),
    ).rejects.toThrow('Give thingGroupName or thingGroupArn.')
  })
})

describe('DescribeEndpoint', () => {
  it('answers with the local cloud itself for every endpoint type', async () => {
    for (const endpointType of ['iot:Data-ATS', 'iot:Jobs', 'iot:CredentialProvider']) {
      expect(await cloud.iot.send(new DescribeEndpointCommand({ endpointType }))).toMatchObject({
        endpointAddress: cloud.endpoint,
      })
    }
    await expect(
      cloud.iot.send(new DescribeEndpointCommand({ endpointType: 'iot:Nope' })),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })
})

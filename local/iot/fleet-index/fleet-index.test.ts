import { describe, expect, it } from 'vitest'
import { parseFleetIndexQuery } from '../../../domain/fleet-index-query.ts'
import { createJob } from '../../jobs/operations/create-job.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import { MemoryStore } from '../../store/store.ts'
import { arnOfGroup, DOCUMENT } from '../../testing/fleet-helpers.ts'
import { fleetIndexWorld } from '../../testing/fleet-index-world.ts'
import { NO_S3_OBJECTS } from '../../testing/job-engine-world.ts'
import type { FleetIndex } from './fleet-index.ts'
import { compileQuery } from './query-matcher.ts'

const FULL = {
  thingIndexingMode: 'REGISTRY_AND_SHADOW',
  thingConnectivityIndexingMode: 'STATUS',
  namedShadowIndexingMode: 'ON',
  namedShadowNames: ['$package'],
} as const

function search(index: FleetIndex, query: string): string[] {
  const parsed = parseFleetIndexQuery(query)
  if (!parsed.ok) throw new Error(parsed.message)
  const predicate = compileQuery(parsed.query)
  return [...index.inOrder()].filter(([, fields]) => predicate(fields)).map(([name]) => name)
}

describe('the thing index', () => {
  it('is empty while thing indexing is off, and built from the registry when switched on', () => {
    const { index, thing, configure } = fleetIndexWorld()
    thing('b')
    thing('a', { model: 'x1' })
    expect(index.size).toBe(0)
    configure({ thingIndexingMode: 'REGISTRY' })
    expect(search(index, '*')).toEqual(['a', 'b'])
    expect(search(index, 'attributes.model:X1')).toEqual(['a'])
  })

  it('follows things as they are created, updated and deleted', () => {
    const { index, registry, thing, configure } = fleetIndexWorld()
    configure({ thingIndexingMode: 'REGISTRY' })
    thing('dev-1', { site: 'north' })
    expect(search(index, 'attributes.site:north')).toEqual(['dev-1'])
    registry.updateThing({ thingName: 'dev-1', attributes: { site: 'south' } })
    expect(search(index, 'attributes.site:north')).toEqual([])
    expect(search(index, 'registry.version:2')).toEqual(['dev-1'])
    registry.deleteThing('dev-1')
    expect(index.size).toBe(0)
  })

  it('lists each thing’s groups with their ancestors', () => {
    const { index, registry, thing, configure } = fleetIndexWorld()
    configure({ thingIndexingMode: 'REGISTRY' })
    registry.createThingGroup({ thingGroupName: 'plant' })
    registry.createThingGroup({ thingGroupName: 'line-1', parentGroupName: 'plant' })
    thing('dev-1')
    registry.addThingToThingGroup('line-1', 'dev-1')
    expect(index.fieldsOf('dev-1')?.get('thingGroupNames')).toEqual(['line-1', 'plant'])
    expect(search(index, 'thingGroupNames:plant')).toEqual(['dev-1'])
    registry.removeThingFromThingGroup('line-1', 'dev-1')
    expect(search(index, 'thingGroupNames:plant')).toEqual([])
  })

  it('indexes the classic shadow only in REGISTRY_AND_SHADOW mode, and named shadows only when listed', async () => {
    const { index, thing, configure, report } = fleetIndexWorld()
    thing('dev-1')
    await report('dev-1', { firmware: '1.0.0' })
    await report('dev-1', { firmware: { version: '2.0.0' } }, '$package')
    await report('dev-1', { mode: 'eco' }, 'config')
    configure({ thingIndexingMode: 'REGISTRY' })
    expect(search(index, 'shadow.reported.firmware:1.0.0')).toEqual([])
    configure({ thingIndexingMode: 'REGISTRY_AND_SHADOW' })
    expect(search(index, 'shadow.reported.firmware:1.0.0')).toEqual(['dev-1'])
    expect(search(index, 'shadow.name.$package.reported.firmware.version:2.0.0')).toEqual([])
    configure(FULL)
    expect(search(index, 'shadow.name.$package.reported.firmware.version:2.0.0')).toEqual(['dev-1'])
    expect(search(index, 'shadow.name.config.reported.mode:eco')).toEqual([])
  })

  it('follows shadow updates, and flattens nested members, arrays and the delta', async () => {
    const { index, thing, configure, report, shadows } = fleetIndexWorld()
    configure(FULL)
    thing('dev-1')
    await report('dev-1', { stats: { battery: 78 }, values: [1, 2], palette: [{ name: 'red' }] })
    const fields = index.fieldsOf('dev-1')
    expect(fields?.get('shadow.reported.stats.battery')).toEqual([78])
    expect(fields?.get('shadow.reported.values')).toEqual([1, 2])
    expect(fields?.has('shadow.reported.palette.name')).toBe(false)
    expect(fields?.get('shadow.hasDelta')).toEqual([false])
    await shadows.updateThingShadow(
      'dev-1',
      undefined,
      new TextEncoder().encode(JSON.stringify({ state: { desired: { stats: { battery: 100 } } } })),
    )
    expect(search(index, 'shadow.hasDelta:true AND shadow.delta.stats.battery:100')).toEqual([
      'dev-1',
    ])
    await shadows.deleteThingShadow('dev-1', undefined)
    expect(index.fieldsOf('dev-1')?.has('shadow.version')).toBe(false)
  })

  it('does not index the shadows of things that are not registered', async () => {
    const { index, configure, report } = fleetIndexWorld()
    configure(FULL)
    await report('ghost', { a: 1 })
    expect(index.size).toBe(0)
  })

  it('shows a thing that never connected as disconnected at time 0 once connectivity is indexed', () => {
    const { index, thing, configure } = fleetIndexWorld()
    thing('dev-1')
    configure({ thingIndexingMode: 'REGISTRY' })
    expect(search(index, 'connectivity.connected:false')).toEqual([])
    configure(FULL)
    expect(search(index, 'connectivity.connected:false AND connectivity.timestamp:0')).toEqual([
      'dev-1',
    ])
    expect(index.documentOf('dev-1').connectivity).toEqual({ connected: false, timestamp: 0 })
  })

  it('answers SearchIndex documents with the shadow as a JSON string', async () => {
    const { index, thing, configure, report, clock } = fleetIndexWorld()
    configure(FULL)
    thing('dev-1', { model: 'x1' })
    await report('dev-1', { firmware: '1.0.0' })
    await report('dev-1', { firmware: { version: '2.0.0' } }, '$package')
    const document = index.documentOf('dev-1')
    expect(document).toMatchObject({
      thingName: 'dev-1',
      thingGroupNames: [],
      attributes: { model: 'x1' },
    })
    const seconds = Math.floor(clock.now() / 1000)
    expect(JSON.parse(document.shadow ?? '')).toEqual({
      reported: { firmware: '1.0.0' },
      metadata: { reported: { firmware: { timestamp: seconds } } },
      version: 1,
      timestamp: seconds,
      name: {
        $package: {
          reported: { firmware: { version: '2.0.0' } },
          metadata: { reported: { firmware: { version: { timestamp: seconds } } } },
          version: 1,
          timestamp: seconds,
        },
      },
    })
  })

  it('pages in name order from after a given name', () => {
    const { index, thing, configure } = fleetIndexWorld()
    configure({ thingIndexingMode: 'REGISTRY' })
    for (const name of ['c', 'a', 'e', 'b', 'd']) thing(name)
    expect([...index.inOrder('b')].map(([name]) => name)).toEqual(['c', 'd', 'e'])
    expect([...index.inOrder('bb')].map(([name]) => name)).toEqual(['c', 'd', 'e'])
    expect([...index.inOrder('e')]).toEqual([])
  })
})

describe('dynamic thing groups', () => {
  it('hold the things their query matches, joining and leaving as shadows change', async () => {
    const { registry, thing, configure, report, dynamicThingGroups } = fleetIndexWorld()
    configure(FULL)
    for (const name of ['a', 'b', 'c']) thing(name)
    await report('a', { firmware: '1.0.0' })
    await report('b', { firmware: '2.0.0' })
    dynamicThingGroups.create({
      thingGroupName: 'old-firmware',
      queryString: 'shadow.reported.firmware:1.*',
      queryVersion: '2017-09-30',
      indexName: 'AWS_Things',
    })
    expect(registry.thingsInGroup('old-firmware', false)).toEqual(['a'])
    await report('c', { firmware: '1.5.0' })
    await report('a', { firmware: '2.0.0' })
    expect(registry.thingsInGroup('old-firmware', false)).toEqual(['c'])
    expect(registry.groupsForThing('c')).toEqual(['old-firmware'])
  })

  it('refuse manual membership, hierarchy and the static delete', () => {
    const { registry, thing, configure, dynamicThingGroups } = fleetIndexWorld()
    configure({ thingIndexingMode: 'REGISTRY' })
    thing('a')
    dynamicThingGroups.create({
      thingGroupName: 'dyn',
      queryString: 'thingName:a',
      queryVersion: '2017-09-30',
      indexName: 'AWS_Things',
    })
    expect(() => registry.addThingToThingGroup('dyn', 'a')).toThrow(/dynamic thing group/)
    expect(() => registry.removeThingFromThingGroup('dyn', 'a')).toThrow(/dynamic thing group/)
    expect(() =>
      registry.createThingGroup({ thingGroupName: 'child', parentGroupName: 'dyn' }),
    ).toThrow(/can't be part of a hierarchy/)
    expect(() => registry.deleteThingGroup('dyn')).toThrow(/DeleteDynamicThingGroup/)
    dynamicThingGroups.delete('dyn')
    expect(registry.groupsForThing('a')).toEqual([])
  })

  it('need the thing index, and a valid query', () => {
    const { configure, dynamicThingGroups } = fleetIndexWorld()
    const create = (queryString: string) =>
      dynamicThingGroups.create({
        thingGroupName: 'dyn',
        queryString,
        queryVersion: '2017-09-30',
        indexName: 'AWS_Things',
      })
    expect(() => create('thingName:a')).toThrow(/Index AWS_Things does not exist/)
    configure({ thingIndexingMode: 'REGISTRY' })
    expect(() => create('thingName:(a')).toThrow(
      expect.objectContaining({ type: 'InvalidQueryException' }),
    )
  })

  it('re-fill when their query changes or the configuration changes', async () => {
    const { registry, thing, configure, report, dynamicThingGroups } = fleetIndexWorld()
    configure(FULL)
    thing('a')
    thing('b')
    await report('b', { on: true })
    dynamicThingGroups.create({
      thingGroupName: 'dyn',
      queryString: 'thingName:a',
      queryVersion: '2017-09-30',
      indexName: 'AWS_Things',
    })
    dynamicThingGroups.update('dyn', (group) => ({
      ...group,
      queryString: 'shadow.reported.on:true',
    }))
    expect(registry.thingsInGroup('dyn', false)).toEqual(['b'])
    configure({ thingIndexingMode: 'REGISTRY' })
    expect(registry.thingsInGroup('dyn', false)).toEqual([])
  })

  it('reach continuous jobs: a thing that comes to match gets an execution, one that leaves is REMOVED', async () => {
    const { registry, engine, thing, configure, report, dynamicThingGroups } = fleetIndexWorld()
    configure(FULL)
    thing('a')
    thing('b')
    await report('a', { firmware: '1.0.0' })
    dynamicThingGroups.create({
      thingGroupName: 'needs-update',
      queryString: 'shadow.reported.firmware:1.0.0',
      queryVersion: '2017-09-30',
      indexName: 'AWS_Things',
    })
    await createJob(engine, NO_S3_OBJECTS).handle({
      params: { jobId: 'upgrade' },
      body: {
        targets: [arnOfGroup('needs-update')],
        document: DOCUMENT,
        targetSelection: 'CONTINUOUS',
      },
      query: new URLSearchParams(),
      principal: { role: 'admin', accessKeyId: 'test', arn: 'arn:aws:iam::000000000000:root' },
    })
    engine.tick()
    expect(engine.index.latest('upgrade', 'a')?.status).toBe('QUEUED')
    await report('b', { firmware: '1.0.0' })
    expect(engine.index.latest('upgrade', 'b')?.status).toBe('QUEUED')
    await report('a', { firmware: '2.0.0' })
    expect(engine.index.latest('upgrade', 'a')?.status).toBe('REMOVED')
    expect(registry.thingsInGroup('needs-update', false)).toEqual(['b'])
  })

  it('keep their members across a restart, and follow connectivity lost with it', () => {
    const store = new MemoryStore<LocalCloudSchema>()
    const first = fleetIndexWorld(store)
    first.configure(FULL)
    first.thing('a')
    store.put('connectivity', 'a', {
      thingName: 'a',
      connected: true,
      timestampMs: first.clock.now(),
      version: 1,
    })
    first.index.refresh('a')
    first.dynamicThingGroups.create({
      thingGroupName: 'online',
      queryString: 'connectivity.connected:true',
      queryVersion: '2017-09-30',
      indexName: 'AWS_Things',
    })
    expect(first.registry.thingsInGroup('online', false)).toEqual(['a'])
    const second = fleetIndexWorld(store)
    expect(store.get('connectivity', 'a')).toMatchObject({
      connected: false,
      disconnectReason: 'SERVER_INITIATED_DISCONNECT',
      version: 2,
    })
    expect(second.registry.thingsInGroup('online', false)).toEqual([])
  })
})

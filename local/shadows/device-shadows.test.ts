import { describe, expect, it } from 'vitest'
import { createManualClock } from '../clock.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'
import { createDeviceShadows, DELETED_VERSION_MEMORY_MS } from './device-shadows.ts'
import type { ShadowRecord } from './records.ts'
import { ShadowRejection } from './shadow-request.ts'
import { parseShadowRequestTopic, SHADOW_REQUEST_FILTERS } from './shadow-topics.ts'

/** The service on an in-memory store, recording what it announces. */
function world({ failFlush = false } = {}) {
  const store = new MemoryStore<LocalCloudSchema>()
  if (failFlush) store.flush = () => Promise.reject(new Error('disk full'))
  const clock = createManualClock(Date.UTC(2026, 10, 22, 12, 0))
  const published: { topic: string; payload: Record<string, unknown> }[] = []
  const errors: unknown[] = []
  const shadows = createDeviceShadows({
    store,
    clock,
    publish: (topic, payload) => {
      published.push({ topic, payload: payload as Record<string, unknown> })
      return Promise.resolve()
    },
    onError: (error) => errors.push(error),
  })
  const update = (document: unknown, shadowName?: string) =>
    shadows.updateThingShadow(
      'dev-1',
      shadowName,
      new TextEncoder().encode(JSON.stringify(document)),
    )
  const topics = () => published.splice(0).map(({ topic }) => topic)
  return { store, clock, shadows, published, errors, update, topics }
}

const PREFIX = '$aws/things/dev-1/shadow'

describe('versions', () => {
  it('start at 1 and grow by one with every accepted update', async () => {
    const { update, shadows } = world()
    expect(await update({ state: { reported: { a: 1 } } })).toMatchObject({ version: 1 })
    expect(await update({ state: { reported: { a: 1 } } })).toMatchObject({ version: 2 })
    expect(shadows.get('dev-1')?.version).toBe(2)
  })

  it('refuse an update whose version is not the current one with 409, changing nothing', async () => {
    const { update, shadows, topics } = world()
    await update({ state: { desired: { a: 1 } } })
    topics()
    const conflict = await update({ state: { desired: { a: 2 } }, version: 5, clientToken: 'c' })
    expect(conflict).toEqual(new ShadowRejection(409, 'Version conflict', 'c'))
    expect(shadows.get('dev-1')?.state.desired).toEqual({ a: 1 })
    expect(topics()).toEqual([])
    expect(await update({ state: { desired: { a: 2 } }, version: 1 })).toMatchObject({
      version: 2,
    })
  })

  it('continue from a shadow deleted within 48 hours, and restart after', async () => {
    const { update, shadows, clock } = world()
    await update({ state: { reported: { a: 1 } } })
    await update({ state: { reported: { a: 2 } } })
    expect(await shadows.deleteThingShadow('dev-1', undefined)).toMatchObject({ version: 2 })
    expect(shadows.get('dev-1')).toBeUndefined()
    expect(await update({ state: { reported: { a: 3 } }, version: 2 })).toMatchObject({
      version: 3,
    })
    await shadows.deleteThingShadow('dev-1', undefined)
    clock.advance(DELETED_VERSION_MEMORY_MS)
    expect(await update({ state: { reported: { a: 4 } } })).toMatchObject({ version: 1 })
  })

  it('are kept apart for the classic shadow and each named shadow', async () => {
    const { update, shadows } = world()
    await update({ state: { reported: { a: 1 } } })
    await update({ state: { reported: { a: 1 } } }, 'config')
    expect(await update({ state: { reported: { v: '1.0.0' } } }, '$package')).toMatchObject({
      version: 1,
    })
    expect(shadows.namedShadowsOf('dev-1')).toEqual(['$package', 'config'])
    expect(shadows.namedShadowsOf('dev-2')).toEqual([])
  })
})

describe('announcements', () => {
  it('publish accepted, delta and documents when desired state differs from reported', async () => {
    const { update, published } = world()
    await update({ state: { reported: { color: 'green' } } })
    published.splice(0)
    await update({ state: { desired: { color: 'red' } }, clientToken: 'tok' })
    expect(published.map(({ topic }) => topic)).toEqual([
      `${PREFIX}/update/accepted`,
      `${PREFIX}/update/delta`,
      `${PREFIX}/update/documents`,
    ])
    const [, delta, documents] = published
    expect(delta?.payload).toMatchObject({
      version: 2,
      state: { color: 'red' },
      metadata: { color: { timestamp: expect.any(Number) as number } },
      clientToken: 'tok',
    })
    expect(documents?.payload).toMatchObject({
      previous: { state: { reported: { color: 'green' } }, version: 1 },
      current: { state: { desired: { color: 'red' }, reported: { color: 'green' } }, version: 2 },
      clientToken: 'tok',
    })
  })

  it('publish no delta for a report, even one that leaves a difference', async () => {
    const { update, topics } = world()
    await update({ state: { desired: { color: 'red' } } })
    topics()
    await update({ state: { reported: { color: 'blue' } } })
    expect(topics()).toEqual([`${PREFIX}/update/accepted`, `${PREFIX}/update/documents`])
  })

  it('give a new shadow a null previous document and announce deletions', async () => {
    const { update, published, shadows, topics } = world()
    await update({ state: { reported: { a: 1 } } }, 'config')
    expect(published[1]?.payload).toMatchObject({ previous: null, current: { version: 1 } })
    topics()
    await shadows.deleteThingShadow('dev-1', 'config', 'tok')
    expect(published).toEqual([
      {
        topic: `${PREFIX}/name/config/delete/accepted`,
        payload: { version: 1, timestamp: expect.any(Number) as number, clientToken: 'tok' },
      },
    ])
  })

  it('send nothing and answer 500 when the change cannot be made durable', async () => {
    const { update, published, errors } = world({ failFlush: true })
    expect(await update({ state: { reported: { a: 1 } } })).toMatchObject({ code: 500 })
    expect(published).toEqual([])
    expect(errors).toHaveLength(1)
  })
})

describe('documents', () => {
  it('answer a get with the computed delta and per-leaf metadata', async () => {
    const { update, shadows, clock } = world()
    await update({ state: { desired: { a: 1, b: 2 } } })
    clock.advance(5_000)
    await update({ state: { reported: { a: 1, b: 3 } } })
    const document = shadows.getThingShadow('dev-1', undefined, 'tok')
    const at = Math.floor(clock.now() / 1000)
    expect(document).toEqual({
      state: { desired: { a: 1, b: 2 }, reported: { a: 1, b: 3 }, delta: { b: 2 } },
      metadata: {
        desired: { a: { timestamp: at - 5 }, b: { timestamp: at - 5 } },
        reported: { a: { timestamp: at }, b: { timestamp: at } },
      },
      version: 2,
      timestamp: at,
      clientToken: 'tok',
    })
  })

  it('answer 404 naming the thing for the classic shadow and the name for a named one', async () => {
    const { shadows } = world()
    expect(shadows.getThingShadow('dev-1', undefined)).toEqual(
      new ShadowRejection(404, "No shadow exists with name: 'dev-1'"),
    )
    expect(await shadows.deleteThingShadow('dev-1', 'config')).toEqual(
      new ShadowRejection(404, "No shadow exists with name: 'config'"),
    )
  })

  it('refuse a state that would grow past 8 KB with 413', async () => {
    const { update, shadows } = world()
    const half = 'x'.repeat(4 * 1024)
    await update({ state: { reported: { a: half } } })
    expect(await update({ state: { desired: { b: half } } })).toMatchObject({ code: 413 })
    expect(shadows.get('dev-1')?.version).toBe(1)
  })

  it('accept an update that names the accepted members, nulls included', async () => {
    const { update } = world()
    await update({ state: { desired: { a: 1, b: 1 } } })
    expect(await update({ state: { desired: { a: null } }, clientToken: 'x' })).toEqual({
      state: { desired: { a: null } },
      metadata: { desired: { a: { timestamp: expect.any(Number) as number } } },
      version: 2,
      timestamp: expect.any(Number) as number,
      clientToken: 'x',
    })
  })
})

describe('onShadowChange', () => {
  it('tells listeners of every update and deletion', async () => {
    const { update, shadows } = world()
    const changes: [string, string | undefined, ShadowRecord | undefined][] = []
    shadows.onShadowChange((thingName, shadowName, shadow) =>
      changes.push([thingName, shadowName, shadow]),
    )
    await update({ state: { reported: { v: '1.0.0' } } }, '$package')
    await shadows.deleteThingShadow('dev-1', '$package')
    expect(changes.map(([thing, name, shadow]) => [thing, name, shadow?.version])).toEqual([
      ['dev-1', '$package', 1],
      ['dev-1', '$package', undefined],
    ])
  })
})

describe('request topics', () => {
  it('parses classic and named request topics and nothing else', () => {
    expect(parseShadowRequestTopic('$aws/things/t1/shadow/update')).toEqual({
      thingName: 't1',
      action: 'update',
    })
    expect(parseShadowRequestTopic('$aws/things/t1/shadow/name/$package/get')).toEqual({
      thingName: 't1',
      shadowName: '$package',
      action: 'get',
    })
    expect(parseShadowRequestTopic('$aws/things/t1/shadow/update/accepted')).toBeUndefined()
    expect(parseShadowRequestTopic('$aws/things/t1/jobs/get')).toBeUndefined()
    expect(SHADOW_REQUEST_FILTERS).toHaveLength(6)
  })
})

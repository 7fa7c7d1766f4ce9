import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SessionCredentials } from '@/lib/auth/session-credentials.ts'
import {
  createLiveConnectionManager,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  DEFAULT_IDLE_GRACE_MS,
  type LiveConnectionManagerOptions,
  type LiveMessage,
} from './live-connection-manager.ts'
import type { LiveStatus } from './live-status.ts'
import type { ConnectLive, LiveConnectionEvents } from './live-transport.ts'
import { topicMatchesFilter } from './topic-filter.ts'

/**
 * The manager against an in-memory broker: every connection it opens is
 * recorded, with the credentials that signed it, its subscriptions and
 * whether it is still open; tests drop connections, refuse them, and publish.
 */
interface FakeConnection {
  readonly id: number
  readonly credentials: SessionCredentials
  readonly events: LiveConnectionEvents
  readonly filters: Set<string>
  open: boolean
  /** When it closed: the ids of other open connections already subscribed to something. */
  replacedBy?: number[]
}

function fakeBroker() {
  const connections: FakeConnection[] = []
  const refusedFilters = new Set<string>()
  /** What the next connection attempts do: accept, refuse, or never answer. */
  let answer: 'accept' | 'refuse' | 'hang' = 'accept'
  let attempts = 0

  const end = (connection: FakeConnection) => {
    if (!connection.open) return
    connection.open = false
    connection.replacedBy = connections
      .filter((other) => other.open && other.filters.size > 0)
      .map((other) => other.id)
    connection.events.onClose()
  }

  const connect: ConnectLive = async (credentials, events) => {
    attempts += 1
    await Promise.resolve()
    if (answer === 'refuse') throw new Error('403 Forbidden')
    if (answer === 'hang') await new Promise(() => undefined)
    const connection: FakeConnection = {
      id: connections.length + 1,
      credentials,
      events,
      filters: new Set(),
      open: true,
    }
    connections.push(connection)
    return {
      subscribe: async (filters) => {
        await Promise.resolve()
        for (const filter of filters) connection.filters.add(filter)
        return filters.filter((filter) => refusedFilters.has(filter))
      },
      unsubscribe: (filters) => {
        for (const filter of filters) connection.filters.delete(filter)
      },
      close: () => end(connection),
    }
  }

  return {
    connect,
    connections,
    refusedFilters,
    attempts: () => attempts,
    open: () => connections.filter((connection) => connection.open),
    answer: (next: typeof answer) => {
      answer = next
    },
    drop: (connection: FakeConnection | undefined) => {
      if (connection !== undefined) end(connection)
    },
    publish: (topic: string, payload: unknown) => {
      const bytes = new TextEncoder().encode(
        typeof payload === 'string' ? payload : JSON.stringify(payload),
      )
      for (const connection of connections) {
        if (!connection.open) continue
        if ([...connection.filters].some((filter) => topicMatchesFilter(filter, topic)))
          connection.events.onMessage(topic, bytes)
      }
    },
  }
}

/**
 * Identity-pool credentials as Amplify hands them out: the same cached set
 * until `forceRefresh`, each set living `lifetimeMs`.
 */
function fakeCredentials(lifetimeMs = 60 * 60_000) {
  let issued = 0
  let cached: SessionCredentials | undefined
  const calls: boolean[] = []
  const issue = (): SessionCredentials => {
    issued += 1
    return {
      accessKeyId: `ASIA${issued}`,
      secretAccessKey: 'secret',
      sessionToken: `token-${issued}`,
      expiration: new Date(Date.now() + lifetimeMs),
    }
  }
  return {
    calls,
    getCredentials: ({ forceRefresh }: { forceRefresh: boolean }) => {
      calls.push(forceRefresh)
      if (forceRefresh || cached === undefined) cached = issue()
      return Promise.resolve(cached)
    },
  }
}

const JOB_FILTER = '$aws/events/jobExecution/fw-2/#'
const OTHER_FILTER = '$aws/events/job/fw-2/#'

const event = (eventId: string, operation = 'succeeded') => ({
  topic: `$aws/events/jobExecution/fw-2/${operation}`,
  payload: { eventType: 'JOB_EXECUTION', eventId, operation },
})

function setUp(options: Partial<LiveConnectionManagerOptions> & { lifetimeMs?: number } = {}) {
  const broker = fakeBroker()
  const credentials = fakeCredentials(options.lifetimeMs)
  const errors: unknown[] = []
  let goOnline: (() => void) | undefined
  let goOffline: (() => void) | undefined
  const manager = createLiveConnectionManager({
    connect: broker.connect,
    getCredentials: credentials.getCredentials,
    random: () => 0.5,
    onOnline: (listener) => {
      goOnline = listener
      return () => {
        goOnline = undefined
      }
    },
    onOffline: (listener) => {
      goOffline = listener
      return () => {
        goOffline = undefined
      }
    },
    onError: (error) => errors.push(error),
    ...options,
  })
  const statuses: LiveStatus[] = []
  manager.onStatusChange(() => statuses.push(manager.getStatus()))
  const received: LiveMessage[] = []
  const listen = (filter = JOB_FILTER) => manager.subscribe(filter, (m) => received.push(m))
  return {
    broker,
    credentials,
    errors,
    manager,
    statuses,
    received,
    listen,
    online: () => goOnline?.(),
    offline: () => goOffline?.(),
    hasOnlineListener: () => goOnline !== undefined,
    hasOfflineListener: () => goOffline !== undefined,
  }
}

/** Lets promises settle and timers due within `ms` run. */
const elapse = (ms = 0) => vi.advanceTimersByTimeAsync(ms)

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00Z') })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('status', () => {
  it('is polling until mounted, connecting when idle or connecting, live once subscribed', async () => {
    const { manager, listen, statuses, broker } = setUp()
    expect(manager.getStatus()).toBe('polling')
    manager.mount()
    expect(manager.getStatus()).toBe('connecting')
    expect(broker.attempts()).toBe(0)
    listen()
    expect(manager.getStatus()).toBe('connecting')
    await elapse()
    expect(manager.getStatus()).toBe('live')
    expect(statuses).toEqual(['connecting', 'live'])
  })

  it('goes to polling when the first attempt fails, and live once a retry succeeds', async () => {
    const { manager, listen, statuses, broker, errors } = setUp()
    broker.answer('refuse')
    manager.mount()
    listen()
    await elapse()
    expect(manager.getStatus()).toBe('polling')
    expect(errors).toEqual([new Error('403 Forbidden')])
    broker.answer('accept')
    await elapse(750)
    expect(manager.getStatus()).toBe('live')
    expect(statuses).toEqual(['connecting', 'polling', 'live'])
  })

  it('is polling while the broker refuses a subscription', async () => {
    const { manager, listen, broker, errors } = setUp()
    broker.refusedFilters.add(OTHER_FILTER)
    manager.mount()
    listen()
    await elapse()
    expect(manager.getStatus()).toBe('live')
    const stop = listen(OTHER_FILTER)
    await elapse()
    expect(manager.getStatus()).toBe('polling')
    expect(String(errors[0])).toContain(OTHER_FILTER)
    stop()
    expect(manager.getStatus()).toBe('live')
  })
})

describe('subscriptions', () => {
  it('deliver parsed messages to the listeners of matching filters only', async () => {
    const { manager, listen, broker, received } = setUp()
    manager.mount()
    listen()
    const jobEvents: LiveMessage[] = []
    manager.subscribe(OTHER_FILTER, (message) => jobEvents.push(message))
    await elapse()
    const { topic, payload } = event('e1')
    broker.publish(topic, payload)
    broker.publish('$aws/events/job/fw-2/completed', { eventId: 'e2', eventType: 'JOB' })
    expect(received).toEqual([{ topic, payload }])
    expect(jobEvents.map((message) => message.topic)).toEqual(['$aws/events/job/fw-2/completed'])
  })

  it('are counted per filter: one SUBSCRIBE, kept until the last listener leaves', async () => {
    const { manager, broker } = setUp()
    manager.mount()
    const first: LiveMessage[] = []
    const second: LiveMessage[] = []
    const stopFirst = manager.subscribe(JOB_FILTER, (message) => first.push(message))
    const stopSecond = manager.subscribe(JOB_FILTER, (message) => second.push(message))
    await elapse()
    expect(broker.connections).toHaveLength(1)
    expect([...(broker.connections[0]?.filters ?? [])]).toEqual([JOB_FILTER])
    stopFirst()
    stopFirst()
    broker.publish(event('e1').topic, event('e1').payload)
    expect([first.length, second.length]).toEqual([0, 1])
    expect(broker.connections[0]?.filters.has(JOB_FILTER)).toBe(true)
    stopSecond()
    expect(broker.connections[0]?.filters.size).toBe(0)
  })

  it('are made on a connection that is already open', async () => {
    const { manager, listen, broker, received } = setUp()
    manager.mount()
    listen(OTHER_FILTER)
    await elapse()
    listen()
    await elapse()
    expect(broker.connections).toHaveLength(1)
    broker.publish(event('e1').topic, event('e1').payload)
    expect(received).toHaveLength(1)
  })

  it('drop duplicates by eventId and keep payloads without one', async () => {
    const { manager, listen, broker, received } = setUp()
    manager.mount()
    listen()
    await elapse()
    const { topic, payload } = event('e1')
    broker.publish(topic, payload)
    broker.publish(topic, payload)
    broker.publish(topic, { ...payload, eventId: 'e2' })
    broker.publish(topic, { note: 'no id' })
    broker.publish(topic, { note: 'no id' })
    expect(received.map((message) => message.payload)).toEqual([
      payload,
      { ...payload, eventId: 'e2' },
      { note: 'no id' },
      { note: 'no id' },
    ])
  })

  it('survive a listener that throws and a payload that is not JSON', async () => {
    const { manager, listen, broker, received, errors } = setUp()
    manager.mount()
    manager.subscribe(JOB_FILTER, () => {
      throw new Error('listener bug')
    })
    listen()
    await elapse()
    broker.publish(event('e0').topic, '{not json')
    broker.publish(event('e1').topic, event('e1').payload)
    expect(received).toHaveLength(1)
    expect(errors.map(String)).toEqual([
      expect.stringContaining('SyntaxError'),
      'Error: listener bug',
    ])
    expect(manager.getStatus()).toBe('live')
  })

  it('close the socket a grace period after the last listener leaves, and reopen on demand', async () => {
    const { manager, listen, broker } = setUp()
    manager.mount()
    const stop = listen()
    await elapse()
    stop()
    await elapse(DEFAULT_IDLE_GRACE_MS - 1)
    expect(broker.open()).toHaveLength(1)
    // A page change: the next page listens within the grace and reuses the socket.
    const stopAgain = listen()
    await elapse(DEFAULT_IDLE_GRACE_MS)
    expect(broker.connections).toHaveLength(1)
    stopAgain()
    await elapse(DEFAULT_IDLE_GRACE_MS)
    expect(broker.open()).toHaveLength(0)
    expect(manager.getStatus()).toBe('connecting')
    expect(vi.getTimerCount()).toBe(0)
    listen()
    await elapse()
    expect(broker.open()).toHaveLength(1)
    expect(manager.getStatus()).toBe('live')
  })
})

describe('reconnection', () => {
  it('backs off with jitter up to 30 s while the broker refuses, and resubscribes every filter', async () => {
    const { manager, listen, broker } = setUp()
    manager.mount()
    listen()
    listen(OTHER_FILTER)
    await elapse()
    broker.answer('refuse')
    broker.drop(broker.connections[0])
    expect(manager.getStatus()).toBe('polling')
    const retriedAt: number[] = []
    const startedAt = Date.now()
    let attempts = broker.attempts()
    for (let ms = 0; ms < 120_000; ms += 250) {
      await elapse(250)
      if (broker.attempts() > attempts) {
        attempts = broker.attempts()
        retriedAt.push(Date.now() - startedAt)
      }
    }
    // random() = 0.5: three quarters of 1, 2, 4, 8, 16, 30 s after each failure.
    const gaps = retriedAt.map((at, index) => at - (retriedAt[index - 1] ?? 0))
    expect(gaps.slice(0, 7)).toEqual([750, 1_500, 3_000, 6_000, 12_000, 22_500, 22_500])
    broker.answer('accept')
    await elapse(22_500)
    expect(manager.getStatus()).toBe('live')
    expect([...(broker.open()[0]?.filters ?? [])].sort()).toEqual([OTHER_FILTER, JOB_FILTER].sort())
  })

  it('resets the backoff after a connection that stayed up, not after one that dropped at once', async () => {
    const { manager, listen, broker } = setUp()
    manager.mount()
    listen()
    await elapse()
    // Unstable: dropped right after connecting, three times.
    for (const expectedDelay of [750, 1_500, 3_000]) {
      broker.drop(broker.open()[0])
      const before = broker.attempts()
      await elapse(expectedDelay - 1)
      expect(broker.attempts()).toBe(before)
      await elapse(1)
      expect(broker.attempts()).toBe(before + 1)
    }
    // Stable: up for 30 s, then dropped: the first delay again.
    await elapse(30_000)
    broker.drop(broker.open()[0])
    const before = broker.attempts()
    await elapse(750)
    expect(broker.attempts()).toBe(before + 1)
  })

  it('retries at once when the browser is back online', async () => {
    const { manager, listen, broker, online } = setUp()
    manager.mount()
    listen()
    broker.answer('refuse')
    for (let failure = 0; failure < 5; failure += 1) await elapse(20_000)
    expect(manager.getStatus()).toBe('polling')
    broker.answer('accept')
    online()
    await elapse()
    expect(manager.getStatus()).toBe('live')
  })

  it('replaces a live connection when the browser is back online, make-before-break', async () => {
    const { manager, listen, broker, online, statuses } = setUp()
    manager.mount()
    listen()
    await elapse()
    online()
    await elapse()
    expect(broker.connections).toHaveLength(2)
    expect(broker.open().map((connection) => connection.id)).toEqual([2])
    expect(broker.connections[0]?.replacedBy).toEqual([2])
    expect(statuses).toEqual(['connecting', 'live'])
  })

  it('drops the connection and polls as soon as the browser goes offline, then comes back online', async () => {
    const { manager, listen, broker, online, offline, statuses, received } = setUp()
    manager.mount()
    listen()
    await elapse()
    expect(manager.getStatus()).toBe('live')
    broker.answer('refuse')
    offline()
    expect(manager.getStatus()).toBe('polling')
    expect(broker.open()).toEqual([])
    // Retried with backoff meanwhile; they fail while the network is gone.
    await elapse(5_000)
    expect(manager.getStatus()).toBe('polling')
    broker.answer('accept')
    online()
    await elapse()
    expect(manager.getStatus()).toBe('live')
    expect(statuses).toEqual(['connecting', 'live', 'polling', 'live'])
    expect(broker.open()).toHaveLength(1)
    broker.publish(event('e1').topic, event('e1').payload)
    expect(received).toHaveLength(1)
  })

  it('ignores offline while unmounted, and stops listening on unmount', () => {
    const { manager, offline, hasOfflineListener } = setUp()
    offline()
    expect(hasOfflineListener()).toBe(false)
    manager.mount()
    expect(hasOfflineListener()).toBe(true)
    manager.unmount()
    expect(hasOfflineListener()).toBe(false)
  })

  it('gives up an attempt that does not finish in time, and closes its connection if it opens later', async () => {
    const { manager, listen, broker, errors } = setUp()
    broker.answer('hang')
    manager.mount()
    listen()
    await elapse(DEFAULT_ATTEMPT_TIMEOUT_MS)
    expect(manager.getStatus()).toBe('polling')
    expect(String(errors[0])).toContain('timed out')
    broker.answer('accept')
    await elapse(750)
    expect(manager.getStatus()).toBe('live')
  })
})

describe('credentials', () => {
  it('opens a replacement before the credentials expire and only then closes the old socket', async () => {
    const { manager, listen, broker, credentials, received, statuses } = setUp({
      lifetimeMs: 30_000,
    })
    manager.mount()
    listen()
    await elapse()
    const [first] = broker.connections
    // 30 s credentials: replaced a fifth of their lifetime early, at 24 s.
    await elapse(24_000 - 1)
    expect(broker.connections).toHaveLength(1)
    await elapse(1)
    expect(broker.connections).toHaveLength(2)
    const second = broker.connections[1]
    // Amplify's cache still held the first set: the manager asked again with forceRefresh.
    expect(credentials.calls).toEqual([false, false, true])
    expect(second?.credentials.accessKeyId).not.toBe(first?.credentials.accessKeyId)
    expect([...(second?.filters ?? [])]).toEqual([JOB_FILTER])
    expect(first?.open).toBe(false)
    expect(first?.replacedBy).toEqual([2])
    expect(statuses).toEqual(['connecting', 'live'])
    broker.publish(event('e1').topic, event('e1').payload)
    expect(received).toHaveLength(1)
    // And again before the second set expires.
    await elapse(24_000)
    expect(broker.connections).toHaveLength(3)
    expect(broker.open()).toHaveLength(1)
  })

  it('drops events delivered twice while two sockets overlap', async () => {
    const { manager, listen, broker, received } = setUp()
    manager.mount()
    listen()
    await elapse()
    const old = broker.connections[0]
    const { topic, payload } = event('e1')
    // Both sockets are open while the replacement subscribes.
    old?.events.onMessage(topic, new TextEncoder().encode(JSON.stringify(payload)))
    broker.publish(topic, payload)
    expect(received).toHaveLength(1)
  })

  it('keeps the old socket while a replacement fails, then reconnects when it closes', async () => {
    const { manager, listen, broker, statuses } = setUp({ lifetimeMs: 30_000 })
    manager.mount()
    listen()
    await elapse()
    broker.answer('refuse')
    await elapse(24_000)
    expect(broker.attempts()).toBe(2)
    expect(manager.getStatus()).toBe('live')
    // The broker closes the socket when its credentials expire.
    await elapse(6_000)
    broker.drop(broker.connections[0])
    expect(manager.getStatus()).toBe('polling')
    broker.answer('accept')
    await elapse(30_000)
    expect(manager.getStatus()).toBe('live')
    expect(statuses).toEqual(['connecting', 'live', 'polling', 'live'])
  })

  it('asks for new credentials when the cached ones are about to expire', async () => {
    const { manager, listen, broker, credentials } = setUp({ lifetimeMs: 4_000 })
    manager.mount()
    listen()
    await elapse()
    expect(credentials.calls).toEqual([false, true])
    expect(broker.connections[0]?.credentials.accessKeyId).toBe('ASIA2')
  })

  it('asks for new credentials after repeated failures, whatever the cache says', async () => {
    const { manager, listen, broker, credentials } = setUp()
    broker.answer('refuse')
    manager.mount()
    listen()
    await elapse(750 + 1_500 + 3_000)
    expect(credentials.calls).toEqual([false, false, false, true])
  })
})

describe('mount and unmount', () => {
  it('closes the socket and stops every timer on unmount (sign-out), and reconnects on remount', async () => {
    const { manager, listen, broker, hasOnlineListener } = setUp({ lifetimeMs: 30_000 })
    manager.mount()
    listen()
    await elapse()
    expect(hasOnlineListener()).toBe(true)
    manager.unmount()
    expect(broker.open()).toHaveLength(0)
    expect(manager.getStatus()).toBe('polling')
    expect(vi.getTimerCount()).toBe(0)
    expect(hasOnlineListener()).toBe(false)
    await elapse(60_000)
    expect(broker.connections).toHaveLength(1)
    manager.mount()
    await elapse()
    expect(broker.open()).toHaveLength(1)
    expect(manager.getStatus()).toBe('live')
  })

  it('closes a connection that opens after unmount', async () => {
    const { manager, listen, broker } = setUp()
    manager.mount()
    listen()
    manager.unmount()
    await elapse()
    expect(broker.connections.every((connection) => !connection.open)).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('connects only while mounted', async () => {
    const { manager, listen, broker } = setUp()
    listen()
    await elapse(60_000)
    expect(broker.attempts()).toBe(0)
    manager.mount()
    await elapse()
    expect(broker.attempts()).toBe(1)
  })
})

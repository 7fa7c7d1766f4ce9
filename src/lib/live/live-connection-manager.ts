import type { SessionCredentials } from '@/lib/auth/session-credentials.ts'
import type { LiveStatus } from './live-status.ts'
import type { ConnectLive, LiveConnection } from './live-transport.ts'
import { createRecentIds } from './recent-ids.ts'
import {
  areStaleCredentials,
  reconnectDelayMs,
  renewDelayMs,
  STABLE_CONNECTION_MS,
} from './reconnect-timing.ts'
import { globalTimers, type Timers } from './timers.ts'
import { topicMatchesFilter } from './topic-filter.ts'

export interface LiveMessage {
  readonly topic: string
  /** The payload parsed as JSON: from the network, so check it (domain/job-events.ts). */
  readonly payload: unknown
}

export type LiveListener = (message: LiveMessage) => void

/**
 * One MQTT connection for the signed-in session, shared by every page that
 * listens: subscriptions are reference-counted per topic filter, the socket
 * opens when the first listener arrives and closes a little after the last
 * one leaves. It keeps itself up:
 *
 * - a dropped or refused connection is retried with jittered exponential
 *   backoff (reconnect-timing.ts), with new credentials when the old ones
 *   are stale, and `online` retries at once;
 * - `offline` drops the connection at once: the socket is dead or about to
 *   be, and without this the page would say "live" until the keepalive
 *   noticed (up to 90 s; browsers keep a WebSocket open while offline);
 * - before the signing credentials expire (AWS IoT then closes the socket) a
 *   replacement is opened, subscribed, and only then the old one closed
 *   ("make before break"), so no event is lost in between;
 * - every new connection subscribes to every active filter again;
 * - duplicates (at-least-once delivery, two sockets during a replacement)
 *   are dropped by eventId.
 *
 * Hidden pages stay connected: a wall display is rarely the focused window.
 * `mount`/`unmount` bracket its use, as TanStack Query's QueryClient does:
 * nothing runs until mounted, and unmounting (sign-out) closes the socket
 * and stops every timer; listeners stay registered so a remount (React's
 * StrictMode, a session renewed after it expired) picks them up.
 */
export interface LiveConnectionManager {
  /** Listens to messages on topics matching `filter`; returns the function that stops it. */
  readonly subscribe: (filter: string, listener: LiveListener) => () => void
  readonly getStatus: () => LiveStatus
  /** For useSyncExternalStore: `listener` is called after every status change. */
  readonly onStatusChange: (listener: () => void) => () => void
  readonly mount: () => void
  readonly unmount: () => void
}

export type GetLiveCredentials = (options: {
  readonly forceRefresh: boolean
}) => Promise<SessionCredentials>

/** Tells the manager when the browser is back online (window `online`). */
export type OnOnline = (listener: () => void) => () => void

/** Tells the manager when the browser has lost the network (window `offline`). */
export type OnOffline = (listener: () => void) => () => void

export interface LiveConnectionManagerOptions {
  readonly connect: ConnectLive
  readonly getCredentials: GetLiveCredentials
  readonly onOnline?: OnOnline
  readonly onOffline?: OnOffline
  readonly now?: () => number
  readonly random?: () => number
  readonly timers?: Timers
  /** How long the socket stays open after the last listener left (a page change). */
  readonly idleGraceMs?: number
  /** Credentials, signing, CONNECT and SUBSCRIBE together must finish within this. */
  readonly attemptTimeoutMs?: number
  /** How many event ids are remembered to drop duplicates. */
  readonly recentEventIds?: number
  /** Failures the manager recovers from by itself, for logs. */
  readonly onError?: (error: unknown) => void
}

export const DEFAULT_IDLE_GRACE_MS = 10_000
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 20_000
export const DEFAULT_RECENT_EVENT_IDS = 10_000
/**
 * After this many failed attempts in a row, ask for new credentials even if
 * the cached ones look valid: on a device whose clock runs behind AWS's they
 * may have expired already.
 */
const FORCE_REFRESH_AFTER_FAILURES = 3

/** One connection and what it carries. */
interface Link {
  connection: LiveConnection | undefined
  readonly credentialsExpireAtMs: number | undefined
  connectedAtMs: number
  readonly subscribed: Set<string>
  readonly refused: Set<string>
}

interface Attempt {
  readonly timeout: unknown
}

interface Subscription {
  readonly listener: LiveListener
}

const eventIdOf = (payload: unknown): string | undefined => {
  if (typeof payload !== 'object' || payload === null) return undefined
  const eventId = (payload as { eventId?: unknown }).eventId
  return typeof eventId === 'string' ? eventId : undefined
}

export function createLiveConnectionManager({
  connect,
  getCredentials,
  onOnline,
  onOffline,
  now = Date.now,
  random = Math.random,
  timers = globalTimers,
  idleGraceMs = DEFAULT_IDLE_GRACE_MS,
  attemptTimeoutMs = DEFAULT_ATTEMPT_TIMEOUT_MS,
  recentEventIds = DEFAULT_RECENT_EVENT_IDS,
  onError = () => undefined,
}: LiveConnectionManagerOptions): LiveConnectionManager {
  const subscriptions = new Map<string, Set<Subscription>>()
  const statusListeners = new Set<() => void>()
  const recent = createRecentIds(recentEventIds)
  const decoder = new TextDecoder()

  let mounted = false
  let current: Link | undefined
  let attempt: Attempt | undefined
  /** Failed attempts (and drops of unstable connections) since the last stable connection. */
  let failures = 0
  /** Whether the connection failed or dropped since it was last live: `polling` rather than `connecting`. */
  let hasFailed = false
  let status: LiveStatus = 'polling'
  let retryTimer: unknown
  let renewTimer: unknown
  let idleTimer: unknown
  let stopListeningOnline: (() => void) | undefined
  let stopListeningOffline: (() => void) | undefined

  const computeStatus = (): LiveStatus => {
    if (!mounted) return 'polling'
    if (current !== undefined) return current.refused.size === 0 ? 'live' : 'polling'
    return hasFailed ? 'polling' : 'connecting'
  }

  const updateStatus = () => {
    const next = computeStatus()
    if (next === status) return
    status = next
    for (const listener of [...statusListeners]) listener()
  }

  const report = (error: unknown) => {
    try {
      onError(error)
    } catch {
      // A logger must not break the connection.
    }
  }

  const clear = (timer: unknown) => {
    if (timer !== undefined) timers.clearTimeout(timer)
  }

  const deliver = (topic: string, bytes: Uint8Array) => {
    let payload: unknown
    try {
      payload = JSON.parse(decoder.decode(bytes))
    } catch (error) {
      report(error)
      return
    }
    const eventId = eventIdOf(payload)
    if (eventId !== undefined && !recent.isNew(eventId)) return
    const message = { topic, payload }
    for (const [filter, entries] of subscriptions) {
      if (!topicMatchesFilter(filter, topic)) continue
      for (const entry of [...entries]) {
        try {
          entry.listener(message)
        } catch (error) {
          report(error)
        }
      }
    }
  }

  /** Subscribes `link` to the active filters it lacks and drops the ones no longer wanted. */
  const syncSubscriptions = (link: Link) => {
    const connection = link.connection
    if (connection === undefined) return
    const added = [...subscriptions.keys()].filter((filter) => !link.subscribed.has(filter))
    const removed = [...link.subscribed].filter((filter) => !subscriptions.has(filter))
    for (const filter of removed) {
      link.subscribed.delete(filter)
      link.refused.delete(filter)
    }
    connection.unsubscribe(removed)
    if (added.length === 0) {
      updateStatus()
      return
    }
    for (const filter of added) link.subscribed.add(filter)
    connection.subscribe(added).then(
      (refused) => {
        for (const filter of refused) if (link.subscribed.has(filter)) link.refused.add(filter)
        if (refused.length > 0) report(new Error(`The broker refused ${refused.join(', ')}.`))
        updateStatus()
      },
      // The connection is going away; its close is handled there.
      report,
    )
  }

  const closeLink = (link: Link | undefined) => {
    // Callers have already let go of it, so its onClose is ignored.
    link?.connection?.close()
  }

  const scheduleRetry = () => {
    if (!mounted || retryTimer !== undefined || attempt !== undefined) return
    if (current === undefined && subscriptions.size === 0) return
    retryTimer = timers.setTimeout(
      () => {
        retryTimer = undefined
        startAttempt()
      },
      reconnectDelayMs(Math.max(1, failures), random),
    )
  }

  const scheduleRenewal = (link: Link) => {
    clear(renewTimer)
    renewTimer = timers.setTimeout(
      () => {
        renewTimer = undefined
        startAttempt()
      },
      renewDelayMs(link.connectedAtMs, link.credentialsExpireAtMs, now()),
    )
  }

  const credentialsFor = async (replacing: Link | undefined): Promise<SessionCredentials> => {
    const forceRefresh = failures >= FORCE_REFRESH_AFTER_FAILURES
    const credentials = await getCredentials({ forceRefresh })
    if (
      !forceRefresh &&
      areStaleCredentials(
        credentials.expiration?.getTime(),
        now(),
        replacing?.credentialsExpireAtMs,
      )
    ) {
      return getCredentials({ forceRefresh: true })
    }
    return credentials
  }

  const onLinkClosed = (link: Link) => {
    if (link !== current) return
    current = undefined
    clear(renewTimer)
    renewTimer = undefined
    if (now() - link.connectedAtMs >= STABLE_CONNECTION_MS) failures = 0
    else failures += 1
    hasFailed = true
    updateStatus()
    scheduleRetry()
  }

  const attemptFailed = (failed: Attempt, error: unknown) => {
    if (attempt !== failed) return
    attempt = undefined
    clear(failed.timeout)
    failures += 1
    if (current === undefined) hasFailed = true
    report(error)
    updateStatus()
    scheduleRetry()
  }

  const attemptSucceeded = (succeeded: Attempt, link: Link) => {
    if (attempt !== succeeded) {
      // Timed out, unmounted or no longer needed meanwhile.
      closeLink(link)
      return
    }
    attempt = undefined
    clear(succeeded.timeout)
    const previous = current
    current = link
    link.connectedAtMs = now()
    hasFailed = false
    closeLink(previous)
    scheduleRenewal(link)
    syncSubscriptions(link)
    updateStatus()
    if (subscriptions.size === 0) scheduleIdle()
  }

  /** Opens a connection: the first one, a retry, or the replacement of `current`. */
  const startAttempt = () => {
    if (!mounted || attempt !== undefined) return
    if (current === undefined && subscriptions.size === 0) return
    clear(retryTimer)
    retryTimer = undefined
    const replacing = current
    const started: Attempt = {
      timeout: timers.setTimeout(
        () => attemptFailed(started, new Error('Connecting for live events timed out.')),
        attemptTimeoutMs,
      ),
    }
    attempt = started
    const run = async (): Promise<Link> => {
      const credentials = await credentialsFor(replacing)
      const link: Link = {
        connection: undefined,
        credentialsExpireAtMs: credentials.expiration?.getTime(),
        connectedAtMs: now(),
        subscribed: new Set(),
        refused: new Set(),
      }
      link.connection = await connect(credentials, {
        onMessage: deliver,
        onClose: () => onLinkClosed(link),
      })
      if (attempt !== started) return link
      const filters = [...subscriptions.keys()]
      for (const filter of filters) link.subscribed.add(filter)
      const refused = await link.connection.subscribe(filters)
      for (const filter of refused) link.refused.add(filter)
      if (refused.length > 0) report(new Error(`The broker refused ${refused.join(', ')}.`))
      return link
    }
    run().then(
      (link) => attemptSucceeded(started, link),
      (error: unknown) => attemptFailed(started, error),
    )
  }

  const cancelAttempt = () => {
    if (attempt === undefined) return
    clear(attempt.timeout)
    // Its connection, if it still opens, is closed on arrival.
    attempt = undefined
  }

  const disconnect = () => {
    cancelAttempt()
    for (const timer of [retryTimer, renewTimer, idleTimer]) clear(timer)
    retryTimer = renewTimer = idleTimer = undefined
    const link = current
    current = undefined
    closeLink(link)
    failures = 0
    hasFailed = false
  }

  const scheduleIdle = () => {
    if (idleTimer !== undefined) return
    idleTimer = timers.setTimeout(() => {
      idleTimer = undefined
      if (subscriptions.size > 0) return
      disconnect()
      updateStatus()
    }, idleGraceMs)
  }

  const wanted = () => {
    clear(idleTimer)
    idleTimer = undefined
    if (current === undefined && retryTimer === undefined) startAttempt()
  }

  const backOnline = () => {
    if (!mounted) return
    failures = 0
    clear(retryTimer)
    retryTimer = undefined
    // A socket that lived through a network change may be dead without knowing
    // it yet (keepalive notices within 45 s); replace it now, make-before-break.
    startAttempt()
  }

  const wentOffline = () => {
    if (!mounted) return
    cancelAttempt()
    clear(retryTimer)
    clear(renewTimer)
    retryTimer = renewTimer = undefined
    const link = current
    current = undefined
    closeLink(link)
    if (link !== undefined || subscriptions.size > 0) hasFailed = true
    updateStatus()
    // Retried with backoff while offline (a loopback cloud still answers);
    // `online` retries at once.
    scheduleRetry()
  }

  return {
    subscribe: (filter, listener) => {
      const entry: Subscription = { listener }
      const entries = subscriptions.get(filter) ?? new Set()
      const isNewFilter = entries.size === 0
      entries.add(entry)
      subscriptions.set(filter, entries)
      if (isNewFilter && current !== undefined) syncSubscriptions(current)
      if (mounted) wanted()
      let active = true
      return () => {
        if (!active) return
        active = false
        entries.delete(entry)
        if (entries.size > 0) return
        subscriptions.delete(filter)
        if (current !== undefined) syncSubscriptions(current)
        // Closed after a grace, not at once: the next page (or React's
        // StrictMode remount) usually subscribes again right away.
        if (subscriptions.size === 0 && mounted) scheduleIdle()
      }
    },
    getStatus: () => status,
    onStatusChange: (listener) => {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    mount: () => {
      if (mounted) return
      mounted = true
      stopListeningOnline = onOnline?.(backOnline)
      stopListeningOffline = onOffline?.(wentOffline)
      if (subscriptions.size > 0) wanted()
      updateStatus()
    },
    unmount: () => {
      if (!mounted) return
      mounted = false
      stopListeningOnline?.()
      stopListeningOnline = undefined
      stopListeningOffline?.()
      stopListeningOffline = undefined
      disconnect()
      updateStatus()
    },
  }
}

import {
  createContext,
  use,
  useEffect,
  useEffectEvent,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react'
import type { JobEvent } from '@domain/job-events.ts'
import { formatIssue, type ValidationIssue } from '@domain/validation.ts'
import { useDashboardConfig } from '@/config/dashboard-config-context.tsx'
import { useSession } from '@/lib/auth/session.tsx'
import { listenToAllJobEvents, listenToJobEvents } from './job-event-listener.ts'
import {
  createLiveConnectionManager,
  type LiveConnectionManager,
  type OnOffline,
  type OnOnline,
} from './live-connection-manager.ts'
import { liveCredentials } from './live-credentials.ts'
import type { LiveStatus } from './live-status.ts'
import { mqttTransport } from './mqtt-transport.ts'

const LiveEventsContext = createContext<LiveConnectionManager | undefined>(undefined)

const onOnline: OnOnline = (listener) => {
  window.addEventListener('online', listener)
  return () => window.removeEventListener('online', listener)
}

const onOffline: OnOffline = (listener) => {
  window.addEventListener('offline', listener)
  return () => window.removeEventListener('offline', listener)
}

const logRecovered = (error: unknown) => {
  console.debug('Live events:', error)
}

const logInvalid = (topic: string, issues: readonly ValidationIssue[]) => {
  console.warn(`Ignored a job event on ${topic}:`, issues.map(formatIssue).join('; '))
}

export interface LiveEventsProviderProps {
  readonly children: ReactNode
}

/**
 * The signed-in session's MQTT connection for live events, inside the
 * signed-in layout. It connects when the first page listens and closes soon
 * after the last one stops; it is closed while the session is expired and
 * when the user signs out (the layout unmounts).
 */
export function LiveEventsProvider({ children }: LiveEventsProviderProps) {
  const config = useDashboardConfig()
  const { state } = useSession()
  const isSignedIn = state.status === 'signedIn'
  const [manager] = useState(() =>
    createLiveConnectionManager({
      connect: mqttTransport({ endpoint: config.iotDataEndpoint, region: config.region }),
      getCredentials: liveCredentials(config),
      onOnline,
      onOffline,
      onError: logRecovered,
    }),
  )
  useEffect(() => {
    if (!isSignedIn) return
    manager.mount()
    return () => manager.unmount()
  }, [manager, isSignedIn])
  return <LiveEventsContext value={manager}>{children}</LiveEventsContext>
}

function useLiveConnectionManager(): LiveConnectionManager {
  const manager = use(LiveEventsContext)
  if (manager === undefined) throw new Error('Live events need a LiveEventsProvider.')
  return manager
}

/** Whether events are pushed right now; while it is not `live`, poll. */
export function useLiveStatus(): LiveStatus {
  const manager = useLiveConnectionManager()
  return useSyncExternalStore(manager.onStatusChange, manager.getStatus, manager.getStatus)
}

/**
 * Calls `onEvents` with the job's JOB and JOB_EXECUTION events as they
 * arrive, parsed and without duplicates, in batches (at most four a second;
 * event-batcher.ts). Delivery is at least once and in no guaranteed order,
 * and nothing is replayed after a reconnection: DescribeJob stays the source
 * of truth. `onEvents` may change between renders without resubscribing.
 */
export function useJobEvents(jobId: string, onEvents: (events: readonly JobEvent[]) => void): void {
  const manager = useLiveConnectionManager()
  const deliver = useEffectEvent((events: readonly JobEvent[]) => onEvents(events))
  useEffect(
    () => listenToJobEvents(manager, jobId, (events) => deliver(events), { onInvalid: logInvalid }),
    [manager, jobId],
  )
}

/**
 * Every job's events, as useJobEvents hands one job's over: for views of
 * the whole account (the wall display), through two subscriptions whatever
 * the number of jobs.
 */
export function useAllJobEvents(onEvents: (events: readonly JobEvent[]) => void): void {
  const manager = useLiveConnectionManager()
  const deliver = useEffectEvent((events: readonly JobEvent[]) => onEvents(events))
  useEffect(
    () => listenToAllJobEvents(manager, (events) => deliver(events), { onInvalid: logInvalid }),
    [manager],
  )
}

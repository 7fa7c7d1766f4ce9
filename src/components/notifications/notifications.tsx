import type { FlashbarProps } from '@cloudscape-design/components/flashbar'
import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react'
import { RouterLink } from '@/components/router-link.tsx'

export interface Notification {
  readonly type: 'success' | 'error' | 'warning' | 'info'
  readonly header: string
  readonly content?: string
  /** A page of the app the outcome concerns (the job an action created). */
  readonly link?: { readonly href: string; readonly text: string }
}

interface NotificationsValue {
  readonly items: readonly (Notification & { readonly id: string })[]
  readonly notify: (notification: Notification) => void
  readonly dismiss: (id: string) => void
}

const NotificationsContext = createContext<NotificationsValue | undefined>(undefined)

/** The most recent notifications kept on screen; older ones drop off. */
const MAX_NOTIFICATIONS = 5

export function NotificationsProvider({ children }: { readonly children: ReactNode }) {
  const [items, setItems] = useState<NotificationsValue['items']>([])
  const notify = useCallback((notification: Notification) => {
    const id = crypto.randomUUID()
    setItems((current) => [{ ...notification, id }, ...current].slice(0, MAX_NOTIFICATIONS))
  }, [])
  const dismiss = useCallback(
    (id: string) => setItems((current) => current.filter((item) => item.id !== id)),
    [],
  )
  const value = useMemo(() => ({ items, notify, dismiss }), [items, notify, dismiss])
  return <NotificationsContext value={value}>{children}</NotificationsContext>
}

function useNotificationsValue(): NotificationsValue {
  const value = use(NotificationsContext)
  if (value === undefined) throw new Error('Notifications need a NotificationsProvider.')
  return value
}

/** Announce the outcome of something the user did (an upload, a job) in the notifications area. */
export function useNotify(): NotificationsValue['notify'] {
  return useNotificationsValue().notify
}

/** The Flashbar items for the app shell's notifications area. */
export function useFlashbarItems(): FlashbarProps.MessageDefinition[] {
  const { items, dismiss } = useNotificationsValue()
  return items.map((item) => ({
    id: item.id,
    type: item.type,
    header: item.header,
    content:
      item.link === undefined ? (
        item.content
      ) : (
        <>
          {item.content === undefined ? null : <>{item.content} </>}
          <RouterLink href={item.link.href}>{item.link.text}</RouterLink>
        </>
      ),
    dismissible: true,
    dismissLabel: 'Dismiss',
    onDismiss: () => dismiss(item.id),
  }))
}

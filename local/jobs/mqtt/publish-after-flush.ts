/**
 * Sends the Jobs service's pushes (notify, notify-next, job events) only
 * once the change they report is durable, in the order the changes
 * happened. The engine tells its listeners synchronously, mid-change; a
 * subscriber must never hear of a change that a crash could still undo.
 */
export type PayloadBuilder = () => unknown

export type PublishAfterFlush = (topic: string, payload: PayloadBuilder) => void

export function createPublishAfterFlush({
  flush,
  publish,
  onError,
}: {
  /** Resolves once every change so far is durable. */
  flush: () => Promise<void>
  /** Sends to subscribers (MqttBroker.publish). */
  publish: (topic: string, payload: unknown) => Promise<void>
  onError: (error: unknown) => void
}): PublishAfterFlush & { readonly idle: () => Promise<void> } {
  const queue: { topic: string; payload: PayloadBuilder }[] = []
  let draining: Promise<void> | undefined

  const drain = async () => {
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0)
        try {
          await flush()
        } catch (error) {
          // Nothing in the batch was acknowledged durably: do not announce it.
          onError(error)
          continue
        }
        for (const { topic, payload } of batch) {
          try {
            await publish(topic, await payload())
          } catch (error) {
            onError(error)
          }
        }
      }
    } finally {
      // Cleared in the same turn as the last look at the queue, so a later send starts a new drain.
      draining = undefined
    }
  }

  const send: PublishAfterFlush = (topic, payload) => {
    queue.push({ topic, payload })
    draining ??= drain()
  }
  return Object.assign(send, {
    /** Resolves when everything sent so far has been published (tests, shutdown). */
    idle: async () => {
      while (draining !== undefined) await draining
    },
  })
}

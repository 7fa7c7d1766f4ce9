import { describe, expect, it } from 'vitest'
import { createPublishAfterFlush } from './publish-after-flush.ts'

function harness(flushOutcomes: ('ok' | 'fail')[] = []) {
  const log: string[] = []
  const errors: unknown[] = []
  let releaseFlush: () => void = () => undefined
  const send = createPublishAfterFlush({
    flush: () => {
      log.push('flush')
      const outcome = flushOutcomes.shift() ?? 'ok'
      return new Promise<void>((resolve, reject) => {
        releaseFlush = () => (outcome === 'ok' ? resolve() : reject(new Error('disk full')))
      })
    },
    publish: (topic) => {
      log.push(`publish ${topic}`)
      return Promise.resolve()
    },
    onError: (error) => errors.push(error),
  })
  return { send, log, errors, release: () => releaseFlush() }
}

describe('publishing after the flush', () => {
  it('publishes nothing until the change is durable, then everything in order', async () => {
    const { send, log, release } = harness()
    send('a', () => 1)
    send('b', () => 2)
    await Promise.resolve()
    expect(log).toEqual(['flush'])
    release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    release()
    await send.idle()
    expect(log.filter((entry) => entry.startsWith('publish'))).toEqual(['publish a', 'publish b'])
    expect(log[0]).toBe('flush')
  })

  it('drops what a failed flush did not make durable, and carries on', async () => {
    const { send, log, errors, release } = harness(['fail', 'ok'])
    send('lost', () => 1)
    release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    send('kept', () => 2)
    release()
    await send.idle()
    expect(log).toEqual(['flush', 'flush', 'publish kept'])
    expect(errors).toHaveLength(1)
  })

  it('starts again for messages sent after a drain ended', async () => {
    const { send, log, release } = harness()
    send('first', () => 1)
    release()
    await send.idle()
    send('second', () => 2)
    release()
    await send.idle()
    expect(log).toEqual(['flush', 'publish first', 'flush', 'publish second'])
  })
})

import { Duplex } from 'node:stream'

/**
 * A stream over a WebSocket stream that joins everything written to it in
 * one turn of the event loop into one write, so one WebSocket message.
 * The MQTT encoder writes a packet in pieces (fixed header, length, topic,
 * payload), and `ws` makes each write a message of its own: a browser would
 * get five messages per job event, where AWS IoT sends one. MQTT over
 * WebSocket allows a message to hold several packets or part of one
 * (MQTT 3.1.1 §6). Backpressure passes through: while the socket's stream
 * asks to drain, writes are acknowledged only once it has.
 */
export function coalescedWrites(inner: Duplex): Duplex {
  let pending: Buffer[] = []
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (pending.length === 0 || inner.destroyed) return
    const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending)
    pending = []
    if (joined !== undefined) inner.write(joined)
  }
  const outer = new Duplex({
    read() {
      inner.resume()
    },
    write(chunk: Buffer, _encoding, callback) {
      pending.push(chunk)
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
      if (inner.writableNeedDrain) inner.once('drain', () => callback())
      else callback()
    },
    final(callback) {
      flush()
      inner.end(callback)
    },
    destroy(error, callback) {
      // A broker refusing a CONNECT writes its CONNACK and destroys the
      // stream at once: what was written still goes out before the close.
      flush()
      if (error === null) inner.end()
      else inner.destroy(error)
      callback(error)
    },
  })
  inner.on('data', (data: Buffer) => {
    if (!outer.push(data)) inner.pause()
  })
  inner.on('end', () => outer.push(null))
  inner.on('error', (error) => outer.destroy(error))
  inner.on('close', () => {
    if (!outer.destroyed) outer.destroy()
  })
  return outer
}

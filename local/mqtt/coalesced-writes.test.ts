import { Duplex } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { coalescedWrites } from './coalesced-writes.ts'

/** A stand-in for ws's stream: records each write (each would be a WebSocket message). */
function recordingSocket() {
  const writes: Buffer[] = []
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk)
      callback()
    },
  })
  return { socket, writes }
}

describe('coalescedWrites', () => {
  it('sends the pieces of a packet written in one turn as one message, in order', async () => {
    const { socket, writes } = recordingSocket()
    const stream = coalescedWrites(socket)
    for (const piece of ['0', '1', '2', '3', '4']) stream.write(Buffer.from(piece))
    await nextTurn()
    stream.write(Buffer.from('5'))
    await nextTurn()
    expect(writes.map((write) => write.toString())).toEqual(['01234', '5'])
  })

  it('passes what the socket receives through unchanged, and ends with it', async () => {
    const { socket } = recordingSocket()
    const stream = coalescedWrites(socket)
    const received: string[] = []
    stream.on('data', (data: Buffer) => received.push(data.toString()))
    const ended = new Promise((resolve) => stream.on('end', resolve))
    socket.push(Buffer.from('connack'))
    socket.push(null)
    await ended
    expect(received).toEqual(['connack'])
  })
})

describe('coalescedWrites, destroyed right after a write', () => {
  it('still sends what was written (a refusing CONNACK) before closing', async () => {
    const { socket, writes } = recordingSocket()
    const stream = coalescedWrites(socket)
    stream.write(Buffer.from('connack-refused'))
    stream.destroy()
    await nextTurn()
    expect(writes.map((write) => write.toString())).toEqual(['connack-refused'])
  })
})

import { Duplex, Transform, type TransformCallback } from 'node:stream'

/**
 * Refuses an oversized MQTT packet as soon as its fixed header arrives, not
 * after buffering it: aedes's parser keeps a packet's bytes until it is
 * complete, so a limit checked when the PUBLISH is authorized comes after
 * the memory is spent. AWS IoT caps a PUBLISH payload at 128 KB and a topic
 * at 256 bytes, and closes the connection of a client that sends more.
 * https://docs.aws.amazon.com/general/latest/gr/iot-core.html#message-broker-limits
 */

/** AWS IoT's message size limit (payload of one PUBLISH). */
export const MAX_PAYLOAD_BYTES = 128 * 1024
/** AWS IoT's limit on a topic name or topic filter, in UTF-8 bytes. */
export const MAX_TOPIC_BYTES = 256
/**
 * The largest remaining length (MQTT 3.1.1 §2.2.3) accepted: a full payload,
 * a full topic, and 1 KiB for the rest (topic length, packet identifier, or
 * a CONNECT's client id, user name and password around a will message).
 */
export const MAX_REMAINING_LENGTH = MAX_PAYLOAD_BYTES + MAX_TOPIC_BYTES + 1024
/** The largest packet on the wire: 1 byte of type and flags, up to 4 of remaining length. */
export const MAX_PACKET_BYTES = 1 + 4 + MAX_REMAINING_LENGTH

/**
 * Passes bytes through unchanged while following the packet boundaries:
 * after each fixed header it skips the packet's remaining length. It fails
 * with an error (which ends the connection) on a remaining length above the
 * limit or a malformed one (a fifth length byte, §2.2.3).
 */
export class PacketSizeLimit extends Transform {
  /** Bytes of the current packet still to pass; -1 while reading a fixed header. */
  #bodyLeft = -1
  #headerBytes = 0
  #length = 0
  #multiplier = 1

  constructor(private readonly maxRemainingLength = MAX_REMAINING_LENGTH) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let offset = 0
    while (offset < chunk.length) {
      if (this.#bodyLeft > 0) {
        const step = Math.min(this.#bodyLeft, chunk.length - offset)
        this.#bodyLeft -= step
        offset += step
        continue
      }
      const byte = chunk[offset] ?? 0
      offset += 1
      this.#headerBytes += 1
      // The first header byte is the packet type and flags; then the length, 7 bits a byte.
      if (this.#headerBytes === 1) continue
      this.#length += (byte & 0x7f) * this.#multiplier
      this.#multiplier *= 128
      if (this.#length > this.maxRemainingLength) {
        return done(new Error(`MQTT packet larger than ${String(this.maxRemainingLength)} bytes`))
      }
      if ((byte & 0x80) !== 0) {
        if (this.#headerBytes === 5) return done(new Error('malformed MQTT remaining length'))
        continue
      }
      this.#bodyLeft = this.#length
      this.#headerBytes = 0
      this.#length = 0
      this.#multiplier = 1
    }
    done(null, chunk)
  }
}

/**
 * The connection as the broker should see it: reads pass the size limit,
 * writes go straight to `stream`. An oversized packet destroys both.
 */
export function limitPacketSize(stream: Duplex): Duplex {
  const limited = stream.pipe(new PacketSizeLimit())
  const connection = Duplex.from({ readable: limited, writable: stream })
  limited.once('error', (error) => {
    connection.destroy(error)
    stream.destroy()
  })
  stream.once('close', () => connection.destroy())
  stream.once('error', (error) => connection.destroy(error))
  return connection
}

/**
 * The few DER encodings (ITU-T X.690) an X.509 certificate needs. Node can
 * parse, verify and sign certificates but not build them, and this is less
 * than a library that needs a global Reflect polyfill.
 */

function lengthOf(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthOf(content.length), content])
}

export const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items))
export const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items))
export const octetString = (content: Buffer) => tlv(0x04, content)
export const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'))
export const booleanTrue = () => tlv(0x01, Buffer.from([0xff]))
/** `[n] EXPLICIT`: a constructed context-specific tag around an encoding. */
export const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 | tagNumber, content)
/** `[n] IMPLICIT` of a primitive type: the tag replaces the type's own. */
export const implicit = (tagNumber: number, content: Buffer) => tlv(0x80 | tagNumber, content)

/** A BIT STRING of whole bytes (keys and signatures). */
export const bitString = (content: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), content]))

/** A named-bit BIT STRING (KeyUsage): bit 0 is the first, trailing zero bits are dropped (X.690 §11.2.2). */
export function namedBits(bits: readonly number[]): Buffer {
  const highest = Math.max(...bits)
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1)
  for (const bit of bits)
    bytes[Math.floor(bit / 8)] = (bytes[Math.floor(bit / 8)] ?? 0) | (0x80 >> (bit % 8))
  const unused = 7 - (highest % 8)
  return tlv(0x03, Buffer.concat([Buffer.from([unused]), bytes]))
}

/** A non-negative INTEGER from hex digits. */
export function integerFromHex(hex: string): Buffer {
  let bytes = Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex')
  while (bytes.length > 1 && bytes[0] === 0 && ((bytes[1] ?? 0) & 0x80) === 0)
    bytes = bytes.subarray(1)
  if (((bytes[0] ?? 0) & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes])
  return tlv(0x02, bytes)
}

export function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes: number[] = [first * 40 + second]
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f]
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      chunk.unshift(0x80 | (value & 0x7f))
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Buffer {
  const iso = date.toISOString()
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  const year = date.getUTCFullYear()
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(digits.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(digits, 'ascii'))
}

/**
 * The two CRCs Node does not ship (it has zlib.crc32): CRC-32C (Castagnoli)
 * and CRC-64/NVME, the checksums S3 offers besides CRC32, SHA-1 and SHA-256.
 * Both are reflected, with all-ones initial value and final XOR, computed
 * eight bytes at a time ("slice-by-8") so a 64 MiB firmware image takes a
 * fraction of a second rather than seconds.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
const SLICES = 8

const CRC32C = (() => {
  const tables = Array.from({ length: SLICES }, () => new Uint32Array(256))
  const [first] = tables as [Uint32Array]
  for (let index = 0; index < 256; index++) {
    let crc = index
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0x82f63b78 ^ (crc >>> 1) : crc >>> 1
    first[index] = crc >>> 0
  }
  for (let slice = 1; slice < SLICES; slice++) {
    const previous = tables[slice - 1] as Uint32Array
    const table = tables[slice] as Uint32Array
    for (let index = 0; index < 256; index++) {
      const value = previous[index] as number
      table[index] = ((value >>> 8) ^ (first[value & 0xff] as number)) >>> 0
    }
  }
  return tables as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ]
})()

export function crc32c(bytes: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC32C
  let crc = 0xffffffff
  let index = 0
  const end8 = bytes.length - (bytes.length % 8)
  while (index < end8) {
    const low =
      crc ^
      ((bytes[index] as number) |
        ((bytes[index + 1] as number) << 8) |
        ((bytes[index + 2] as number) << 16) |
        ((bytes[index + 3] as number) << 24))
    crc =
      (t7[low & 0xff] as number) ^
      (t6[(low >>> 8) & 0xff] as number) ^
      (t5[(low >>> 16) & 0xff] as number) ^
      (t4[low >>> 24] as number) ^
      (t3[bytes[index + 4] as number] as number) ^
      (t2[bytes[index + 5] as number] as number) ^
      (t1[bytes[index + 6] as number] as number) ^
      (t0[bytes[index + 7] as number] as number)
    index += 8
  }
  for (; index < bytes.length; index++) {
    crc = (crc >>> 8) ^ (t0[(crc ^ (bytes[index] as number)) & 0xff] as number)
  }
  return (crc ^ 0xffffffff) >>> 0
}

// CRC-64/NVME's reflected polynomial. Table entries are kept as 32-bit halves
// so the loop stays on small integers rather than BigInt.
const CRC64_POLY = 0x9a6c9329ac4bc9b5n
const CRC64 = (() => {
  const high = Array.from({ length: SLICES }, () => new Uint32Array(256))
  const low = Array.from({ length: SLICES }, () => new Uint32Array(256))
  const entries = Array.from({ length: 256 }, (_, index) => {
    let crc = BigInt(index)
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ CRC64_POLY : crc >> 1n
    return crc
  })
  let current = entries
  for (let slice = 0; slice < SLICES; slice++) {
    current.forEach((value, index) => {
      ;(high[slice] as Uint32Array)[index] = Number(value >> 32n)
      ;(low[slice] as Uint32Array)[index] = Number(value & 0xffffffffn)
    })
    current = current.map((value) => (value >> 8n) ^ (entries[Number(value & 0xffn)] as bigint))
  }
  return { high, low }
})()

/** CRC-64/NVME as 8 big-endian bytes. */
export function crc64nvme(bytes: Uint8Array): Uint8Array {
  const [h0, h1, h2, h3, h4, h5, h6, h7] = CRC64.high as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ]
  const [l0, l1, l2, l3, l4, l5, l6, l7] = CRC64.low as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ]
  let high = 0xffffffff
  let low = 0xffffffff
  let index = 0
  const end8 = bytes.length - (bytes.length % 8)
  while (index < end8) {
    // The next eight bytes, little-endian, XORed into the register.
    const a =
      low ^
      ((bytes[index] as number) |
        ((bytes[index + 1] as number) << 8) |
        ((bytes[index + 2] as number) << 16) |
        ((bytes[index + 3] as number) << 24))
    const b =
      high ^
      ((bytes[index + 4] as number) |
        ((bytes[index + 5] as number) << 8) |
        ((bytes[index + 6] as number) << 16) |
        ((bytes[index + 7] as number) << 24))
    const a0 = a & 0xff
    const a1 = (a >>> 8) & 0xff
    const a2 = (a >>> 16) & 0xff
    const a3 = a >>> 24
    const b0 = b & 0xff
    const b1 = (b >>> 8) & 0xff
    const b2 = (b >>> 16) & 0xff
    const b3 = b >>> 24
    high =
      ((h7[a0] as number) ^
        (h6[a1] as number) ^
        (h5[a2] as number) ^
        (h4[a3] as number) ^
        (h3[b0] as number) ^
        (h2[b1] as number) ^
        (h1[b2] as number) ^
        (h0[b3] as number)) >>>
      0
    low =
      ((l7[a0] as number) ^
        (l6[a1] as number) ^
        (l5[a2] as number) ^
        (l4[a3] as number) ^
        (l3[b0] as number) ^
        (l2[b1] as number) ^
        (l1[b2] as number) ^
        (l0[b3] as number)) >>>
      0
    index += 8
  }
  for (; index < bytes.length; index++) {
    const entry = (low ^ (bytes[index] as number)) & 0xff
    low = (((low >>> 8) | (high << 24)) ^ (l0[entry] as number)) >>> 0
    high = ((high >>> 8) ^ (h0[entry] as number)) >>> 0
  }
  const out = new Uint8Array(8)
  const view = new DataView(out.buffer)
  view.setUint32(0, (high ^ 0xffffffff) >>> 0)
  view.setUint32(4, (low ^ 0xffffffff) >>> 0)
  return out
}

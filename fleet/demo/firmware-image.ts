import { createHash } from 'node:crypto'

export const sha256Of = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex')

/**
 * A deterministic firmware image: its bytes depend only on model, version
 * and size, so every run (and every machine) uploads the same bytes with the
 * same sha256, and a second seeding finds them unchanged.
 */
export function firmwareImage(model: string, version: string, size = 2048): Uint8Array {
  const seed = sha256Of(`${model}@${version}`)
  const bytes = new Uint8Array(size)
  for (let index = 0; index < size; index++)
    bytes[index] = (parseInt(seed.slice((index % 32) * 2, (index % 32) * 2 + 2), 16) + index) % 256
  return bytes
}

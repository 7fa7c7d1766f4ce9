import { describe, expect, it } from 'vitest'
import { formatBytes } from './format-bytes.ts'

describe('formatBytes', () => {
  it('writes small sizes in bytes', () => {
    expect(formatBytes(0)).toBe('0 bytes')
    expect(formatBytes(1)).toBe('1 byte')
    expect(formatBytes(1023)).toBe('1023 bytes')
  })

  it('uses binary units with one decimal under 10', () => {
    expect(formatBytes(1024)).toBe('1 KiB')
    expect(formatBytes(4608)).toBe('4.5 KiB')
    expect(formatBytes(11 * 1024 * 1024 + 400 * 1024)).toBe('11 MiB')
    expect(formatBytes(4 * 1024 ** 3)).toBe('4 GiB')
    expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.3 GiB')
  })
})

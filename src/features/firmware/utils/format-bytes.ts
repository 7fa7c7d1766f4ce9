const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const

/** "512 bytes", "4.5 KiB", "1.2 GiB": binary units, as file sizes are counted in S3 and on devices. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  let value = bytes
  let unit: string = 'bytes'
  for (const next of UNITS) {
    if (value < 1024) break
    value /= 1024
    unit = next
  }
  const digits = value < 10 ? 1 : 0
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${unit}`
}

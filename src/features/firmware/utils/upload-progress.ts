import type { UploadFirmwareProgress } from '../api/upload-firmware.ts'
import { formatBytes } from './format-bytes.ts'

/**
 * One bar for two streams of work that run together: hashing leads (each
 * slice is hashed before it is sent) and uploading follows, so the bar is
 * their average and only reaches 100 when the last byte is stored.
 */
export function uploadPercent(progress: UploadFirmwareProgress): number {
  if (progress.phase === 'publishing') return 100
  if (progress.totalBytes === 0) return 0
  const done = progress.bytesHashed + progress.bytesUploaded
  return Math.min(100, Math.floor((done / (2 * progress.totalBytes)) * 100))
}

export function uploadPhaseText(progress: UploadFirmwareProgress): string {
  switch (progress.phase) {
    case 'checking':
      return 'Checking that the version is new…'
    case 'uploading':
      return `Hashed ${formatBytes(progress.bytesHashed)}, uploaded ${formatBytes(progress.bytesUploaded)} of ${formatBytes(progress.totalBytes)}`
    case 'publishing':
      return 'Publishing the release in the catalog…'
  }
}

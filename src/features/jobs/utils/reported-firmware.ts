/**
 * The firmware a device reports in its classic shadow (`reported.firmware`
 * with `version` and `model`), read from a SearchIndex thing document's
 * `shadow` text. Devices write whatever their firmware says, so nothing is
 * trusted: a shadow that is not JSON, or fields of another type, read as
 * unknown.
 */
export interface ReportedFirmware {
  readonly version: unknown
  readonly model: unknown
}

export function reportedFirmwareOf(shadowText: string | undefined): ReportedFirmware {
  if (shadowText === undefined) return { version: undefined, model: undefined }
  try {
    const shadow = JSON.parse(shadowText) as {
      reported?: { firmware?: { version?: unknown; model?: unknown } }
    } | null
    const firmware = shadow?.reported?.firmware
    return typeof firmware === 'object' && firmware !== null
      ? { version: firmware.version, model: firmware.model }
      : { version: undefined, model: undefined }
  } catch {
    return { version: undefined, model: undefined }
  }
}

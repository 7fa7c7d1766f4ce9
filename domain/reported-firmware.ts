/**
 * The firmware a device says it runs, read from its shadow. Devices write
 * `firmware.version` and `firmware.model` in the classic shadow's reported
 * state (domain/fleet-index-custom-fields.ts). Two shapes carry that state:
 * GetThingShadow's document nests it as `state.reported`, while SearchIndex's
 * ThingDocument.shadow (a JSON string) holds the sections at the top level,
 * `reported`, `desired`, `metadata` and, for named shadows, `name`.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/example-queries.html
 *
 * A device writes whatever it likes, so nothing is assumed: a value that is
 * not text or a number is treated as not reported.
 */
export interface ReportedFirmware {
  readonly version?: string
  readonly model?: string
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** The reported section of a shadow document in either shape, if it has one. */
export function reportedStateOf(shadow: unknown): Record<string, unknown> | undefined {
  if (!isObject(shadow)) return undefined
  const state = isObject(shadow.state) ? shadow.state : shadow
  return isObject(state.reported) ? state.reported : undefined
}

export function reportedFirmwareOf(shadow: unknown): ReportedFirmware {
  const firmware = reportedStateOf(shadow)?.firmware
  if (!isObject(firmware)) return {}
  const version = textOf(firmware.version)
  const model = textOf(firmware.model)
  return {
    ...(version === undefined ? {} : { version }),
    ...(model === undefined ? {} : { model }),
  }
}

/** SearchIndex's `shadow` string, parsed; undefined when absent or not JSON. */
export function parseIndexedShadow(shadow: string | undefined): unknown {
  if (shadow === undefined || shadow === '') return undefined
  try {
    return JSON.parse(shadow) as unknown
  } catch {
    return undefined
  }
}

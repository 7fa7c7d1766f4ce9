import { DashboardConfigSchema, type DashboardConfig } from '@domain/dashboard-config.ts'

/** Why the app cannot start, listing every problem at once so one edit fixes them all. */
export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError'

  constructor(
    readonly url: string,
    readonly problems: readonly string[],
  ) {
    super(`${url} is not usable: ${problems.join('; ')}`)
  }
}

/**
 * `config.json` beside index.html. Not relative to the page: a deep link
 * such as /fleet/things/lamp-1 loads the same index.html.
 */
export const RUNTIME_CONFIG_URL = new URL(
  `${import.meta.env.BASE_URL}config.json`,
  window.location.origin,
).href

function isMissing(json: unknown, path: readonly PropertyKey[]): boolean {
  let value = json
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return true
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value === undefined
}

export async function loadRuntimeConfig(url = RUNTIME_CONFIG_URL): Promise<DashboardConfig> {
  // Never cached: a redeployment with new pool ids must take effect on reload.
  const response = await fetch(url, { cache: 'no-store' }).catch((error: unknown) => {
    throw new RuntimeConfigError(url, [`it could not be fetched (${String(error)})`])
  })
  if (!response.ok) {
    throw new RuntimeConfigError(url, [
      `the server answered ${response.status} ${response.statusText}`,
    ])
  }
  const json: unknown = await response.json().catch(() => {
    throw new RuntimeConfigError(url, ['it is not valid JSON'])
  })
  const parsed = DashboardConfigSchema.safeParse(json)
  if (!parsed.success) {
    throw new RuntimeConfigError(
      url,
      parsed.error.issues.map((issue) => {
        const field = issue.path.join('.')
        if (field === '') return issue.message
        return isMissing(json, issue.path) ? `${field} is missing` : `${field} ${issue.message}`
      }),
    )
  }
  return parsed.data
}

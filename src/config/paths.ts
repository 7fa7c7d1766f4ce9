/**
 * Every page's URL, in one place, so links and routes agree and every page
 * and filter has a deep link. Filters live in the query string.
 */
const withQuery = (path: string, query: Record<string, string | undefined> = {}): string => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value)
  const text = search.toString()
  return text === '' ? path : `${path}?${text}`
}

export const paths = {
  home: () => '/',
  signIn: (next?: string) => withQuery('/sign-in', { next }),
  fleet: {
    things: (filters?: Record<string, string | undefined>) => withQuery('/fleet', filters),
    thing: (thingName: string) => `/fleet/things/${encodeURIComponent(thingName)}`,
    groups: (filters?: Record<string, string | undefined>) => withQuery('/fleet/groups', filters),
    group: (thingGroupName: string) => `/fleet/groups/${encodeURIComponent(thingGroupName)}`,
  },
  firmware: {
    catalog: (filters?: Record<string, string | undefined>) => withQuery('/firmware', filters),
    upload: (filters?: Record<string, string | undefined>) =>
      withQuery('/firmware/upload', filters),
  },
  jobs: {
    list: (filters?: Record<string, string | undefined>) => withQuery('/jobs', filters),
    create: (filters?: Record<string, string | undefined>) => withQuery('/jobs/new', filters),
    detail: (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`,
  },
  configuration: (filters?: Record<string, string | undefined>) =>
    withQuery('/configuration', filters),
  /** The wall display; `rotate` is the seconds between active jobs. */
  wall: (options?: { rotate?: string }) => withQuery('/wall', options),
} as const

/** Route patterns of the top-level sections; nested pages follow `paths` above. */
export const routePatterns = {
  signIn: '/sign-in',
  things: 'fleet',
  firmwareCatalog: 'firmware',
  wall: '/wall',
} as const

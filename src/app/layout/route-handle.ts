import type { Params } from 'react-router'

export interface Crumb {
  readonly text: string
  readonly href: string
}

/** What a route tells the shell: the breadcrumbs it adds to its parents'. */
export interface RouteHandle {
  readonly crumbs: (params: Params) => readonly Crumb[]
}

export function isRouteHandle(handle: unknown): handle is RouteHandle {
  return typeof handle === 'object' && handle !== null && 'crumbs' in handle
}

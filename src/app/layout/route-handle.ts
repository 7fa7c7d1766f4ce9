import type { Params } from 'react-router'

/** What a route tells the shell: its breadcrumb. */
export interface RouteHandle {
  readonly crumb: (params: Params) => { readonly text: string; readonly href: string }
}

export function isRouteHandle(handle: unknown): handle is RouteHandle {
  return typeof handle === 'object' && handle !== null && 'crumb' in handle
}

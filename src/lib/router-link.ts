import { useCallback } from 'react'
import { useNavigate } from 'react-router'

interface FollowDetail {
  readonly href?: string | undefined
  readonly external?: boolean | undefined
}

/**
 * Cloudscape's links, navigation and breadcrumbs render real `href`s (so
 * they open in new tabs and deep-link) and call `onFollow` on a plain
 * click; this keeps that click inside the single-page app.
 */
export function useFollowHref(): (event: CustomEvent<FollowDetail>) => void {
  const navigate = useNavigate()
  return useCallback(
    (event) => {
      const { href, external } = event.detail
      if (external === true || href === undefined || !href.startsWith('/')) return
      event.preventDefault()
      void navigate(href)
    },
    [navigate],
  )
}

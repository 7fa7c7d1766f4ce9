import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import { useRouteError } from 'react-router'

/**
 * A page that failed to render or load. A new deployment replaces the
 * lazily loaded chunks, so the usual cure is a reload.
 */
export function RouteErrorPage() {
  const error = useRouteError()
  return (
    <Box padding="xxl">
      <Alert
        type="error"
        header="This page could not be shown"
        action={<Button onClick={() => window.location.reload()}>Reload</Button>}
      >
        {error instanceof Error ? error.message : 'An unexpected error happened.'}
      </Alert>
    </Box>
  )
}

import { Navigate, useSearchParams } from 'react-router'
import { paths } from '@/config/paths.ts'
import { SignInPage } from '@/features/auth/components/sign-in-page.tsx'
import { useSession } from '@/lib/auth/session.tsx'

/** Only same-app paths: `next` comes from the URL, so it must not send the user elsewhere. */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return paths.home()
  return next
}

export function SignInRoute() {
  const { state, reload } = useSession()
  const [searchParams] = useSearchParams()
  if (state.status === 'signedIn') {
    return <Navigate to={safeNextPath(searchParams.get('next'))} replace />
  }
  return <SignInPage onSignedIn={reload} />
}

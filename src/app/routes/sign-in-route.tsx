import { Navigate, useSearchParams } from 'react-router'
import { SignInPage } from '@/features/auth/components/sign-in-page.tsx'
import { useSession } from '@/lib/auth/session.tsx'
import { safeNextPath } from './safe-next-path.ts'

export function SignInRoute() {
  const { state, reload } = useSession()
  const [searchParams] = useSearchParams()
  if (state.status === 'signedIn') {
    return <Navigate to={safeNextPath(searchParams.get('next'), window.location.origin)} replace />
  }
  return <SignInPage onSignedIn={reload} />
}

import { createBrowserRouter, Navigate } from 'react-router'
import { paths, routePatterns } from '@/config/paths.ts'
import type { RouteHandle } from './layout/route-handle.ts'
import { PageLoading } from './routes/page-loading.tsx'
import { RouteErrorPage } from './routes/route-error-page.tsx'

export const crumb = (text: string, href: string): RouteHandle => ({
  crumb: () => ({ text, href }),
})

/**
 * Every page is its own chunk, loaded when first visited: the sign-in page
 * does not pay for the fleet tables, nor the fleet for the upload form.
 */
export const router = createBrowserRouter([
  {
    path: routePatterns.signIn,
    lazy: async () => ({ Component: (await import('./routes/sign-in-route.tsx')).SignInRoute }),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoading />,
  },
  {
    path: '/',
    lazy: async () => ({
      Component: (await import('./routes/signed-in-layout.tsx')).SignedInLayout,
    }),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      { index: true, element: <Navigate to={paths.fleet.things()} replace /> },
      {
        path: '*',
        lazy: async () => ({
          Component: (await import('./routes/not-found-page.tsx')).NotFoundPage,
        }),
      },
    ],
  },
])

import { createBrowserRouter, Navigate } from 'react-router'
import { paths, routePatterns } from '@/config/paths.ts'
import type { RouteHandle } from './layout/route-handle.ts'
import { PageLoading } from './routes/page-loading.tsx'
import { RouteErrorPage } from './routes/route-error-page.tsx'

const THINGS = { text: 'Things', href: paths.fleet.things() }
const crumb = (text: string, href: string): RouteHandle => ({ crumbs: () => [{ text, href }] })
const thingCrumbs: RouteHandle = {
  crumbs: ({ thingName = '' }) => [THINGS, { text: thingName, href: paths.fleet.thing(thingName) }],
}
const createJobCrumbs: RouteHandle = {
  crumbs: () => [
    { text: 'Jobs', href: paths.jobs.list() },
    { text: 'Create job', href: paths.jobs.create() },
  ],
}
const jobCrumbs: RouteHandle = {
  crumbs: ({ jobId = '' }) => [
    { text: 'Jobs', href: paths.jobs.list() },
    { text: jobId, href: paths.jobs.detail(jobId) },
  ],
}
const groupCrumb: RouteHandle = {
  crumbs: ({ thingGroupName = '' }) => [
    { text: thingGroupName, href: paths.fleet.group(thingGroupName) },
  ],
}

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
    // Full screen for an operations room: outside the app shell, behind the same sign-in.
    path: routePatterns.wall,
    lazy: async () => ({ Component: (await import('./routes/wall-route.tsx')).WallRoute }),
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
        path: routePatterns.things,
        children: [
          {
            index: true,
            handle: crumb(THINGS.text, THINGS.href),
            lazy: async () => ({
              Component: (await import('@/features/fleet/components/things-page.tsx')).ThingsPage,
            }),
          },
          {
            path: 'things/:thingName',
            handle: thingCrumbs,
            lazy: async () => ({
              Component: (await import('@/features/fleet/components/thing-page.tsx')).ThingPage,
            }),
          },
          {
            path: 'groups',
            handle: crumb('Thing groups', paths.fleet.groups()),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('@/features/fleet/components/thing-groups-page.tsx'))
                    .ThingGroupsPage,
                }),
              },
              {
                path: ':thingGroupName',
                handle: groupCrumb,
                lazy: async () => ({
                  Component: (await import('@/features/fleet/components/thing-group-page.tsx'))
                    .ThingGroupPage,
                }),
              },
            ],
          },
        ],
      },
      {
        path: routePatterns.firmwareCatalog,
        handle: crumb('Firmware', paths.firmware.catalog()),
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('@/features/firmware/components/firmware-catalog-page.tsx'))
                .FirmwareCatalogPage,
            }),
          },
          {
            path: 'upload',
            handle: crumb('Upload', paths.firmware.upload()),
            lazy: async () => ({
              Component: (await import('@/features/firmware/components/firmware-upload-page.tsx'))
                .FirmwareUploadPage,
            }),
          },
        ],
      },
      {
        path: 'jobs',
        children: [
          {
            index: true,
            handle: crumb('Jobs', paths.jobs.list()),
            lazy: async () => ({
              Component: (await import('@/features/jobs/components/list/jobs-page.tsx')).JobsPage,
            }),
          },
          {
            path: 'new',
            handle: createJobCrumbs,
            lazy: async () => ({
              Component: (await import('@/features/jobs/components/wizard/create-job-page.tsx'))
                .CreateJobPage,
            }),
          },
          {
            path: ':jobId',
            handle: jobCrumbs,
            lazy: async () => ({
              Component: (await import('@/features/jobs/components/detail/job-detail-page.tsx'))
                .JobDetailPage,
            }),
          },
        ],
      },
      {
        path: 'configuration',
        handle: crumb('Configuration', paths.configuration()),
        lazy: async () => ({
          Component: (await import('@/features/jobs/components/config/configuration-page.tsx'))
            .ConfigurationPage,
        }),
      },
      {
        path: '*',
        lazy: async () => ({
          Component: (await import('./routes/not-found-page.tsx')).NotFoundPage,
        }),
      },
    ],
  },
])

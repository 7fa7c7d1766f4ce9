import * as iotModel from '@aws-sdk/client-iot'
import * as jobsDataModel from '@aws-sdk/client-iot-jobs-data-plane'
import * as dataPlaneModel from '@aws-sdk/client-iot-data-plane'
import { isPermitted } from './authorize.ts'
import { describe, expect, it } from 'vitest'
import { createManualClock } from '../clock.ts'
import { createControlPlane } from '../iot/control-plane.ts'
import { createDeviceSecurity } from '../iot/device-security.ts'
import { createFleetIndexing } from '../iot/fleet-index/fleet-indexing.ts'
import { Registry } from '../iot/registry.ts'
import { createJobsDataPlane } from '../jobs/data-plane.ts'
import { createShadowDataPlane } from '../shadows/data-plane.ts'
import { createDeviceShadows } from '../shadows/device-shadows.ts'
import { JobEngine } from '../jobs/job-engine.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'
import type { Service } from './service.ts'

/**
 * Every route the local cloud serves must be bound exactly as the AWS model
 * binds the operation it is named after. The SDK packages carry the model's
 * schemas (`DescribeThing$` = [9, namespace, name, { http: [method, path, code] }, …]),
 * so the check reads AWS's own bindings, not a copy of them.
 */
type OperationSchema = readonly [
  number,
  string,
  string,
  { readonly http?: readonly [string, string, number] },
]

function bindingOf(
  model: Record<string, unknown>,
  operation: string,
): readonly [string, string, number] | undefined {
  const schema = model[`${operation}$`] as OperationSchema | undefined
  return schema?.[3].http
}

function services(): { service: Service; model: Record<string, unknown> }[] {
  const store = new MemoryStore<LocalCloudSchema>()
  const clock = createManualClock()
  const registry = new Registry(store, clock)
  const engine = new JobEngine(store, registry, clock)
  const shadows = createDeviceShadows({ store, clock, publish: () => Promise.resolve() })
  return [
    {
      service: createControlPlane(
        registry,
        engine,
        () => 'http://127.0.0.1:4566',
        { size: () => undefined, read: () => undefined },
        createDeviceSecurity(store, clock, registry),
        createFleetIndexing({ store, clock, registry, shadows }),
      ),
      model: iotModel,
    },
    {
      service: createJobsDataPlane(engine, () => Promise.resolve('{}')),
      model: jobsDataModel,
    },
    {
      service: createShadowDataPlane(shadows),
      model: dataPlaneModel,
    },
  ]
}

describe('routes', () => {
  for (const { service, model } of services()) {
    it.each(service.router.routes().map((route) => ({ ...route, name: route.value.name })))(
      `${service.displayName}: $name is $method $path as in the AWS model`,
      ({ name, method, path }) => {
        const binding = bindingOf(model, name)
        expect(binding, `${name} is not an operation of the SDK model`).toBeDefined()
        expect([method, path]).toEqual([binding?.[0], binding?.[1]])
      },
    )
  }

  it('let a viewer call only reading operations, and a device-plane call none', () => {
    const viewer = {
      role: 'viewer',
      accessKeyId: 'key',
      arn: 'arn:aws:iam::000000000000:user/v',
    } as const
    let permittedReads = 0
    for (const { service } of services()) {
      for (const route of service.router.routes()) {
        const action = `${service.iamPrefix}:${route.value.name}`
        // SearchIndex reads the fleet too (the dashboard's fleet view).
        const reads =
          service.iamPrefix === 'iot' && /^(Describe|List|Get|SearchIndex$)/.test(route.value.name)
        const permitted = isPermitted(viewer, action, 'arn:aws:iot:us-east-1:000000000000:job/x')
        // The role lists the reads the dashboard makes (domain/permissions.ts), not every read.
        if (!reads) expect(permitted, action).toBe(false)
        if (permitted) permittedReads += 1
      }
    }
    expect(permittedReads).toBeGreaterThan(10)
  })
})

// Type-level test, checked by `npm run typecheck`: what our validators return
// must be accepted by the SDK's CreateJob input as it is, with no casts.
import type { CreateJobRequest } from '@aws-sdk/client-iot'
import { expectTypeOf, test } from 'vitest'
import type { CreateJobOptions } from './create-job-options.ts'

test('validated options fit CreateJobRequest', () => {
  expectTypeOf<CreateJobOptions>().toExtend<Omit<CreateJobRequest, 'jobId'>>()
  expectTypeOf<CreateJobOptions['abortConfig']>().toExtend<CreateJobRequest['abortConfig']>()
  expectTypeOf<CreateJobOptions['schedulingConfig']>().toExtend<
    CreateJobRequest['schedulingConfig']
  >()
  expectTypeOf<CreateJobOptions['jobExecutionsRolloutConfig']>().toExtend<
    CreateJobRequest['jobExecutionsRolloutConfig']
  >()
})

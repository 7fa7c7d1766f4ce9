import {
  CreateJobCommand,
  DescribeJobCommand,
  ListJobExecutionsForJobCommand,
  type CreateJobCommandInput,
  type Job,
  type JobExecutionSummaryForJob,
} from '@aws-sdk/client-iot'
import { DOCUMENT } from './fleet-helpers.ts'
import { uniqueName, type LocalCloudFixture } from './local-cloud-fixture.ts'

/** Job calls the contract tests repeat, bound to the fixture of the file using them. */
export function jobHelpers(cloud: () => LocalCloudFixture) {
  return {
    describeJob: async (jobId: string): Promise<Job> => {
      const { job } = await cloud().iot.send(new DescribeJobCommand({ jobId }))
      if (job === undefined) throw new Error(`no job ${jobId}`)
      return job
    },
    executions: async (jobId: string): Promise<JobExecutionSummaryForJob[]> => {
      const listed = await cloud().iot.send(
        new ListJobExecutionsForJobCommand({ jobId, maxResults: 250 }),
      )
      return listed.executionSummaries ?? []
    },
    createJob: async (
      input: Omit<CreateJobCommandInput, 'jobId' | 'document'>,
    ): Promise<string> => {
      const jobId = uniqueName('job')
      await cloud().iot.send(new CreateJobCommand({ jobId, document: DOCUMENT, ...input }))
      return jobId
    },
  }
}

/**
 * The notification header once a job's CreateJob succeeded: a retry of the
 * same submission may find the job an earlier attempt had already created.
 */
export function createdJobHeader({
  jobId,
  created,
}: {
  readonly jobId: string
  readonly created: boolean
}): string {
  return created ? `Created ${jobId}` : `${jobId} had already been created`
}

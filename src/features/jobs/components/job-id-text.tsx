import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { paths } from '@/config/paths.ts'
import { RouterLink } from '@/components/router-link.tsx'

export interface JobIdTextProps {
  readonly jobId: string
}

/** A job id linking to its page, with a copy button (ids are long and often pasted into the CLI). */
export function JobIdText({ jobId }: JobIdTextProps) {
  return (
    <SpaceBetween direction="horizontal" size="xxs" alignItems="center">
      <RouterLink href={paths.jobs.detail(jobId)}>{jobId}</RouterLink>
      <CopyToClipboard
        variant="icon"
        textToCopy={jobId}
        copyButtonAriaLabel={`Copy job ID ${jobId}`}
        copySuccessText="Job ID copied"
        copyErrorText="The job ID could not be copied"
      />
    </SpaceBetween>
  )
}

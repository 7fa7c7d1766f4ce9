import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard'

export interface JobIdTextProps {
  readonly jobId: string
}

/**
 * A job id as text with a copy button. There is no job page yet (issue 10
 * builds `/jobs/:id`); until then a link would lead nowhere.
 */
export function JobIdText({ jobId }: JobIdTextProps) {
  return (
    <CopyToClipboard
      variant="inline"
      textToCopy={jobId}
      copyButtonAriaLabel={`Copy job ID ${jobId}`}
      copySuccessText="Job ID copied"
      copyErrorText="The job ID could not be copied"
    />
  )
}

import Box from '@cloudscape-design/components/box'
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard'

export interface Sha256TextProps {
  readonly sha256: string
}

/** The whole digest in monospace, copyable: operators compare it with the build's checksum. */
export function Sha256Text({ sha256 }: Sha256TextProps) {
  return (
    <CopyToClipboard
      variant="inline"
      textToCopy={sha256}
      textToDisplay={<Box variant="code">{sha256}</Box>}
      copyButtonAriaLabel="Copy sha256"
      copySuccessText="sha256 copied"
      copyErrorText="sha256 failed to copy"
    />
  )
}

import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage, isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import {
  ConfigurationTooLargeError,
  displayConfigurationText,
  useConfiguration,
} from '../../api/get-configuration.ts'
import {
  downloadFileName,
  useConfigurationDownloadUrl,
} from '../../api/presign-get-configuration.ts'

export interface ConfigurationViewerProps {
  readonly configKey: string
}

function DownloadButton({ configKey }: ConfigurationViewerProps) {
  const url = useConfigurationDownloadUrl(configKey)
  if (url.isError)
    return <InlineError message={awsErrorMessage(url.error, 'sign a download link')} />
  return (
    <Button
      iconName="download"
      href={url.data}
      disabled={url.data === undefined}
      download={downloadFileName(configKey)}
    >
      Download
    </Button>
  )
}

/**
 * One configuration file, shown as text in a <pre> (a device wrote it:
 * never markup, never a link), with the SHA-256 of its bytes and a download
 * link pre-signed with the viewer's own credentials.
 */
export function ConfigurationViewer({ configKey }: ConfigurationViewerProps) {
  const file = useConfiguration(configKey)
  const notFound = file.isError && isNotFoundError(file.error)
  return (
    <Container
      header={
        <Header
          variant="h2"
          actions={notFound ? undefined : <DownloadButton configKey={configKey} />}
        >
          {configKey}
        </Header>
      }
    >
      {file.isPending ? (
        <StatusIndicator type="loading">Reading the file</StatusIndicator>
      ) : file.isError ? (
        <InlineError
          message={
            notFound
              ? `There is no file ${configKey} (yet). A device uploads it when it runs its job.`
              : file.error instanceof ConfigurationTooLargeError
                ? file.error.message
                : awsErrorMessage(file.error, 'read the configuration')
          }
        />
      ) : (
        <>
          <KeyValuePairs
            columns={3}
            items={[
              { label: 'Size', value: `${file.data.bytes.length.toLocaleString()} bytes` },
              {
                label: 'Last modified',
                value: file.data.lastModified?.toLocaleString() ?? '—',
              },
              { label: 'SHA-256', value: <Box variant="code">{file.data.sha256}</Box> },
            ]}
          />
          {/* Long files scroll inside the panel rather than stretching the page. */}
          <div style={{ maxHeight: '32rem', overflow: 'auto' }}>
            <Box variant="pre">{displayConfigurationText(file.data.text)}</Box>
          </div>
        </>
      )}
    </Container>
  )
}
